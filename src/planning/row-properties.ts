/**
 * Which properties of a row a selection reads: what a planned read selects of
 * each table, so that it fetches only the columns the query asks for (as
 * join-monster's `sqlColumn`/`sqlDeps` do).
 *
 * A field reads the row property of its own name, or the properties READS
 * lists for it: a global ID reads the row's key, and a relation the key its
 * resolver loads by. A field that is neither reads every property, so a new
 * field without an entry costs columns but never answers null for want of
 * one (test/planning/row-properties.test.ts checks that every field of the
 * planned types is one or the other).
 */
import type { Selection } from "./selection";

/** For each planned type, the fields that read properties other than their own name's. */
export const READS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  Chapter: { id: ["rowId"], country: ["countryCode"], region: ["regionId"], source: ["sourceId"], programmes: ["rowId"], membership: ["rowId"] },
  Country: { id: ["code"] },
  Region: { id: ["rowId"], chapters: ["rowId"], memberTotals: ["rowId"] },
  Source: { id: ["rowId"], licence: ["licenceId", "licenceNote"], citationCount: ["rowId"] },
  MembershipSnapshot: { id: ["rowId"], chapter: ["chapterId"], source: ["sourceId"] },
  Participation: { id: ["rowId"], chapter: ["chapterId"], programme: ["programmeId"], source: ["sourceId"] },
  Programme: { id: ["rowId"], chapters: ["rowId"], source: ["sourceId"] },
};

/** The properties of `all` (a row type's, in their order) that the fields of `selection`, on an object of `typeName`, read. */
export function propertiesRead<P extends string>(typeName: string, selection: Selection, all: readonly P[]): P[] {
  const read = new Set<string>();
  const reads = READS[typeName] ?? {};
  for (const field of selection.keys()) {
    if (field === "__typename") continue;
    const properties = reads[field] ?? (all.includes(field as P) ? [field] : all);
    for (const property of properties) read.add(property);
  }
  return all.filter((property) => read.has(property));
}
