/**
 * Small helpers shared by the repositories: lining batch results up with the
 * keys a DataLoader asked for, select lists read from a row's column map, and
 * the reads every simple table needs.
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
 * A row type's columns: for each property of the row, the SQL expression that
 * reads it. One map per row type is the one definition of its columns: the
 * loaders select all of them, a planned read only those its selection needs.
 */
export type ColumnMap<Row> = { readonly [Property in PropertyOf<Row>]-?: string };

/** A property of a row type (by name). */
export type PropertyOf<Row> = keyof Row & string;

/** The properties a column map defines, in its order. */
export function propertiesOf<Row>(columns: ColumnMap<Row>): PropertyOf<Row>[] {
  return Object.keys(columns) as PropertyOf<Row>[];
}

/** The select list reading `properties` of `columns` (all of them by default), each named as its property. */
export function selectList<Row>(columns: ColumnMap<Row>, properties: readonly PropertyOf<Row>[] = propertiesOf(columns)): string {
  return properties.map((property) => `${columns[property]} AS "${property}"`).join(", ");
}

/** `properties` with `needed` added, without repeats: what a statement reads of a row whatever its caller asks for (its keys). */
export function including<P extends string>(properties: readonly P[], ...needed: P[]): P[] {
  return [...new Set([...needed, ...properties])];
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
