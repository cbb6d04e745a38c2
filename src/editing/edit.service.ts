/**
 * Editing a record: validate, check the version, write, and record the change
 * in the audit log — all in one transaction, on the primary database.
 *
 * An edit names the version it was made from. The record is read with FOR
 * UPDATE, so of two edits of one version the second waits for the first to
 * commit, then finds a newer version and is refused with CONFLICT: the first
 * edit is kept, never silently overwritten (no lost updates). An update is a
 * patch: the record as it is, with the given fields changed, validated whole
 * by the import's rules, so a record an edit leaves behind is always one an
 * import would accept.
 */
import { GraphQLError } from "graphql";
import type { DataSource, EntityManager } from "typeorm";
import type { Caller } from "../auth/caller";
import { ProblemList } from "../import/problems";
import { resolveSources } from "../import/sources";
import { editRepository, type RecordSnapshot } from "../repositories/edit.repository";
import { AuditAction } from "../model/enums";
import { validateRecord } from "../validation/record";
import { ErrorCode } from "../graphql/errors";
import { toIsoDate } from "../seed/dates";
import { EDITABLE, type Editable, type EditableKind } from "./editable";

/** A change to make: a new record, a patch of one (at a version), or its archiving. */
export type Change =
  | { action: AuditAction.CREATE; values: Record<string, unknown> }
  | { action: AuditAction.UPDATE; id: number; version: number; values: Record<string, unknown> }
  | { action: AuditAction.ARCHIVE; id: number; version: number };

/** Turns a column name of the import vocabulary into the GraphQL input field it came from ("country_code" → "countryCode"). */
export const fieldOf = (column: string) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * Turns GraphQL input fields into import columns; a field left out stays out (a patch keeps its value), an explicit null clears it.
 * A `Date` (the scalar gives a JS Date at midnight UTC) becomes the YYYY-MM-DD an import file has, so the import's rules read it.
 */
export function columnsOf(input: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input)
      .filter(([, value]) => value !== undefined)
      .map(([field, value]) => [field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`), value instanceof Date ? toIsoDate(value) : value]),
  );
}

function invalid(problems: ProblemList, noun: string): GraphQLError {
  const listed = problems.listed.map((problem) => ({ field: problem.column === null ? null : fieldOf(problem.column), message: problem.message }));
  const text = listed.map((problem) => (problem.field ? `${problem.field} ${problem.message}` : problem.message)).join("; ");
  return new GraphQLError(`The ${noun} was not saved: ${text}.`, { extensions: { code: ErrorCode.BAD_USER_INPUT, problems: listed } });
}

const conflict = (message: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.CONFLICT, ...extensions } });

const notFound = (noun: string, id: number | string) =>
  new GraphQLError(`No ${noun} has the id ${id}.`, { extensions: { code: ErrorCode.NOT_FOUND } });

/** The record's values as an import row, with the patch applied. */
function patched(editable: Editable, record: RecordSnapshot, values: Record<string, unknown>): Record<string, unknown> {
  const { version: _version, archived_at: _archivedAt, updated_at: _updatedAt, ...row } = record;
  for (const [column, from] of Object.entries(editable.derived ?? {})) {
    if (from in values && values[from] !== row[from] && !(column in values)) delete row[column];
  }
  // A new source URL is a new source: the licence and synthetic flag of the old one do not carry over to it.
  if ("source_url" in values && values.source_url !== row.source_url) {
    delete row.source_licence_id;
    delete row.source_licence_note;
    delete row.synthetic;
  }
  // The deprecated single licence stands for both of the record's (src/import/sources.ts splits it).
  if ("source_licence" in values) {
    delete row.source_licence_id;
    delete row.source_licence_note;
  }
  return { ...row, ...values };
}

/** Validates an import row and resolves its references, as an import does; the database row, or BAD_USER_INPUT with every problem. */
async function databaseRow(manager: EntityManager, kind: EditableKind, values: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { importTable, noun } = EDITABLE[kind];
  const problems = new ProblemList("input");
  const validated = validateRecord(importTable.schema, values, 1);
  if ("errors" in validated) {
    problems.addRowErrors(validated.errors);
    throw invalid(problems, noun);
  }
  const rows = [{ row: 1, value: validated.value }];
  const sources = await resolveSources(manager, "the API", rows, problems);
  const [row] = problems.empty ? await importTable.toDatabaseRows({ manager, sourceIds: sources.ids, problems, created: {} }, rows) : [];
  if (!problems.empty) throw invalid(problems, noun);
  return row;
}

/** Runs `work` in a transaction on the primary; PostgreSQL's unique violations become CONFLICT. */
async function inTransaction<T>(dataSource: DataSource, noun: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await dataSource.transaction(work);
  } catch (error) {
    if ((error as { code?: string }).code === "23505") {
      const detail = (error as { detail?: string }).detail ?? "";
      throw conflict(`A ${noun} with the same ${/^Key \(([^)]+)\)/.exec(detail)?.[1]?.replace(/_id\b/g, "") ?? "key"} already exists: correct that one instead.`);
    }
    throw error;
  }
}

/** Makes the change as `caller` (whose key names the audit entry); returns the record's id. */
export async function editRecord(dataSource: DataSource, caller: Caller, kind: EditableKind, change: Change): Promise<number> {
  const editable = EDITABLE[kind];
  const key = caller.key;
  if (!key) throw new Error("editRecord needs a caller with a key (requireRole first)");
  return inTransaction(dataSource, editable.noun, async (manager) => {
    let id: number;
    let before: RecordSnapshot | null = null;
    if (change.action === AuditAction.CREATE) {
      id = await editRepository.insert(manager, editable, await databaseRow(manager, kind, change.values));
    } else {
      id = change.id;
      before = await editRepository.record(manager, editable, id, true);
      if (!before) throw notFound(editable.noun, id);
      if (before.version !== change.version) {
        throw conflict(`The ${editable.noun} ${id} is at version ${before.version}, not ${change.version}: someone changed it since you read it. Read it again, then retry.`, {
          currentVersion: before.version,
        });
      }
      const written =
        change.action === AuditAction.ARCHIVE
          ? await editRepository.archive(manager, editable, id, change.version)
          : await editRepository.update(manager, editable, id, change.version, await databaseRow(manager, kind, patched(editable, before, change.values)));
      // Unreachable while the row is locked; kept as the statement's own guard against a lost update.
      if (!written) throw conflict(`The ${editable.noun} ${id} changed while it was being edited. Read it again, then retry.`);
    }
    const after = await editRepository.record(manager, editable, id, false);
    await editRepository.audit(manager, { actor: key.name, apiKeyId: key.id, action: change.action, entityType: editable.table, entityId: id, before, after });
    return id;
  });
}
