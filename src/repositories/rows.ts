/**
 * Small helpers shared by the repositories: giving rows their global IDs, and
 * lining batch results up with the keys a DataLoader asked for.
 */
import { toGlobalId } from "../graphql/relay/global-id";

/** Sets `id` (the global ID) on each row from its database key; returns the same array. */
export function identify<T extends { id: string }>(type: string, rows: T[], keyOf: (row: T) => string | number): T[] {
  for (const row of rows) row.id = toGlobalId(type, keyOf(row));
  return rows;
}

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
 * table under the alias `t`, and must include `t.id AS "rowId"`.
 */
export function simpleTable<T extends { id: string; rowId: number }>(type: string, table: string, columns: string) {
  return {
    async byIds(sql: import("../db/sql").SqlClient, ids: readonly number[]): Promise<(T | null)[]> {
      const rows = await sql.rows<T>(`SELECT ${columns} FROM ${table} t WHERE t.id = ANY($1::int[])`, [ids]);
      return alignOne(ids, identify(type, rows, (r) => r.rowId), (r) => r.rowId);
    },
    async list(sql: import("../db/sql").SqlClient, where: string, orderBy: string, values: unknown[] = []): Promise<T[]> {
      const rows = await sql.rows<T>(`SELECT ${columns} FROM ${table} t WHERE ${where} ORDER BY ${orderBy}`, values);
      return identify(type, rows, (r) => r.rowId);
    },
  };
}
