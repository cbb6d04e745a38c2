/**
 * The SQL of edits, inside the caller's transaction (a TypeORM EntityManager,
 * as imports write). Column lists come from the import's upsert spec of each
 * record, so an edit writes exactly the columns an import writes.
 */
import type { EntityManager } from "typeorm";
import type { Editable } from "../editing/editable";

/** A record as the audit log keeps it: its export columns, its version and, where it has one, when it was archived. */
export type RecordSnapshot = Record<string, unknown> & { version: number; archived_at?: string | null };

const timestamp = (expression: string) => `to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function recordSql(editable: Editable, lock: boolean): string {
  const { exportTable, alias, archivable } = editable;
  const columns = [
    ...exportTable.columns.map(([name, expression]) => `${expression} AS "${name}"`),
    `${alias}.version`,
    ...(archivable ? [`${timestamp(`${alias}.archived_at`)} AS archived_at`] : []),
  ];
  return `SELECT ${columns.join(", ")} FROM ${exportTable.from} WHERE ${alias}.id = $1${lock ? ` FOR UPDATE OF ${alias}` : ""}`;
}

const writtenColumns = (editable: Editable) => editable.importTable.upsert.columns.map((column) => `"${column.name}"`).join(", ");

export const editRepository = {
  /** The record with this id, locked until the transaction ends when `lock` (so a concurrent edit waits, then sees the new version). */
  async record(manager: EntityManager, editable: Editable, id: number, lock: boolean): Promise<RecordSnapshot | null> {
    const [row] = await manager.query(recordSql(editable, lock), [id]);
    return row ?? null;
  },

  /** Inserts a row (database column names to values) and returns its id. */
  async insert(manager: EntityManager, editable: Editable, row: Record<string, unknown>): Promise<number> {
    const columns = writtenColumns(editable);
    const [{ id }] = await manager.query(
      `INSERT INTO "${editable.table}" (${columns}) SELECT ${columns} FROM jsonb_populate_record(NULL::"${editable.table}", $1::jsonb) RETURNING id`,
      [JSON.stringify(row)],
    );
    return id;
  },

  /**
   * Writes a row over the record `id` if it is still at `version`, and un-archives
   * it; false when it is not (someone changed it since). The trigger bumps the version.
   */
  async update(manager: EntityManager, editable: Editable, id: number, version: number, row: Record<string, unknown>): Promise<boolean> {
    const columns = writtenColumns(editable);
    const [, affected] = await manager.query(
      `UPDATE "${editable.table}" SET (${columns}) = (SELECT ${columns} FROM jsonb_populate_record(NULL::"${editable.table}", $1::jsonb)),
              updated_at = now()${editable.archivable ? ", archived_at = NULL" : ""}
        WHERE id = $2 AND version = $3`,
      [JSON.stringify(row), id, version],
    );
    return affected === 1;
  },

  /** Archives the record `id` if it is still at `version`; false when it is not. */
  async archive(manager: EntityManager, editable: Editable, id: number, version: number): Promise<boolean> {
    const [, affected] = await manager.query(`UPDATE "${editable.table}" SET archived_at = now(), updated_at = now() WHERE id = $1 AND version = $2`, [id, version]);
    return affected === 1;
  },

  /** The id of the participation of a chapter in a programme (by slugs), if there is one. */
  async participationId(manager: EntityManager, chapterSlug: string, programmeSlug: string): Promise<number | null> {
    const [row] = await manager.query(
      `SELECT pa.id FROM participation pa JOIN chapter c ON c.id = pa.chapter_id JOIN programme p ON p.id = pa.programme_id WHERE c.slug = $1 AND p.slug = $2`,
      [chapterSlug, programmeSlug],
    );
    return row?.id ?? null;
  },

  async audit(
    manager: EntityManager,
    entry: { actor: string; apiKeyId: number; action: string; entityType: string; entityId: number; before: RecordSnapshot | null; after: RecordSnapshot | null },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO audit_entry (actor, api_key_id, action, entity_type, entity_id, before, after) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`,
      [entry.actor, entry.apiKeyId, entry.action, entry.entityType, entry.entityId, entry.before && JSON.stringify(entry.before), entry.after && JSON.stringify(entry.after)],
    );
  },
};
