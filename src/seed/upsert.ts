import type { EntityManager } from "typeorm";

/** A column of an upsert: its name and PostgreSQL type (for jsonb_to_recordset). */
export interface UpsertColumn {
  name: string;
  type: string;
}

export interface UpsertSpec {
  table: string;
  columns: UpsertColumn[];
  /** The natural key: the columns of a unique constraint. */
  key: string[];
}

/**
 * Inserts `rows` or updates the rows with the same natural key, in one statement.
 *
 * A row whose values are all unchanged is not touched (`WHERE … IS DISTINCT
 * FROM`): no new tuple version, no `updated_at` bump. That is what makes the
 * seed idempotent in the strict sense: a second run changes nothing at all.
 * Returns how many rows were inserted or updated.
 */
export async function upsert(manager: EntityManager, spec: UpsertSpec, rows: Record<string, unknown>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const names = spec.columns.map((c) => `"${c.name}"`).join(", ");
  const record = spec.columns.map((c) => `"${c.name}" ${c.type}`).join(", ");
  const valueColumns = spec.columns.filter((c) => !spec.key.includes(c.name));
  const target = `(${valueColumns.map((c) => `t."${c.name}"`).join(", ")})`;
  const incoming = `(${valueColumns.map((c) => `EXCLUDED."${c.name}"`).join(", ")})`;
  const onConflict = valueColumns.length
    ? `DO UPDATE SET ${valueColumns.map((c) => `"${c.name}" = EXCLUDED."${c.name}"`).join(", ")}, updated_at = now()
       WHERE ${target} IS DISTINCT FROM ${incoming}`
    : "DO NOTHING";
  const result = await manager.query(
    `INSERT INTO "${spec.table}" AS t (${names})
     SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS r(${record})
     ON CONFLICT (${spec.key.map((k) => `"${k}"`).join(", ")}) ${onConflict}
     RETURNING 1`,
    [JSON.stringify(rows)],
  );
  return Array.isArray(result) ? result.length : 0;
}
