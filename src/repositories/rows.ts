/**
 * Small helpers shared by the repositories: lining batch results up with the
 * keys a DataLoader asked for, and the reads every simple table needs.
 */
import type { SqlClient } from "../db/sql";

/** One row (or null) per key, in the order of `keys`: what a DataLoader batch function must return. */
export function alignOne<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): (T | null)[] {
  const byKey = new Map<K, T>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => byKey.get(key) ?? null);
}

/** All rows of each key (possibly none), in the order of `keys`, each list in the rows' order. */
export function alignMany<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const byKey = new Map<K, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) byKey.get(keyOf(row))?.push(row);
  return keys.map((key) => byKey.get(key) ?? []);
}

/**
 * The two reads every simple table needs: by primary key (for `node(id)` and
 * relation loaders) and a filtered, ordered list. `columns` select from the
 * table under the alias `t`, and must include `t.id AS "rowId"`. The list's
 * condition and order are SQL, so only the table's own repository calls it,
 * with the conditions it exports as typed functions.
 */
export function simpleTable<T extends { rowId: number }>(table: string, columns: string) {
  return {
    async byIds(sql: SqlClient, ids: readonly number[]): Promise<(T | null)[]> {
      const rows = await sql.rows<T>(`SELECT ${columns} FROM ${table} t WHERE t.id = ANY($1::int[])`, [ids]);
      return alignOne(ids, rows, (r) => r.rowId);
    },
    list(sql: SqlClient, where: string, orderBy: string, values: unknown[] = []): Promise<T[]> {
      return sql.rows<T>(`SELECT ${columns} FROM ${table} t WHERE ${where} ORDER BY ${orderBy}`, values);
    },
  };
}
