/**
 * The contract rule for partners: a breaking schema change must be recorded
 * in CHANGELOG.md, and a field is removed only after it was deprecated.
 */
import { ChangeType, CriticalityLevel, diff, type Change } from "@graphql-inspector/core";
import { buildSchema } from "graphql";

export interface SchemaComparison {
  changes: Change[];
  /** What breaks the rule, each with what to do about it; empty when the change may land. */
  problems: string[];
}

/** Compares two SDL texts with GraphQL Inspector and applies the rule against the changelog's text. */
export async function compareSchemas(before: string, after: string, changelog: string): Promise<SchemaComparison> {
  const changes = await diff(buildSchema(before), buildSchema(after));
  const problems: string[] = [];
  for (const change of changes) {
    if (change.criticality.level !== CriticalityLevel.Breaking) continue;
    if (change.type === ChangeType.FieldRemoved && !(change.meta as { isRemovedFieldDeprecated: boolean }).isRemovedFieldDeprecated) {
      problems.push(`${change.path}: ${change.message} — deprecate it with @deprecated in one release before removing it.`);
    } else if (!change.path || !changelog.includes(change.path)) {
      problems.push(`${change.path ?? "schema"}: ${change.message} — a breaking change: record it in CHANGELOG.md (mention \`${change.path ?? "the change"}\`).`);
    }
  }
  return { changes, problems };
}
