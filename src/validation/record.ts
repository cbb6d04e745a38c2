/**
 * A row schema: the columns a kind of row has, the rule of each, which ones
 * must have a value, and rules across columns. Validating a record returns the
 * row as it is written, or every error of the record, each naming its row and
 * column — never only the first, so that one pass over a file shows all that
 * needs fixing.
 *
 * Independent of where records come from (a CSV file, JSON, a GraphQL input):
 * a record is a plain object of column name to value.
 */
import type { FieldRule } from "./fields";

/** What is wrong, where: `row` as the caller numbers its records, `column` null for the record as a whole. */
export interface RowError {
  row: number;
  column: string | null;
  message: string;
}

/** A valid row and the number its problems are reported on. */
export interface NumberedRow<Row> {
  row: number;
  value: Row;
}

export interface Column<T, Required extends boolean> {
  rule: FieldRule<T>;
  required: Required;
}

/** A column that must have a value in every row. */
export const required = <T>(rule: FieldRule<T>): Column<T, true> => ({ rule, required: true });

/** A column that may be empty (its value is then null). */
export const optional = <T>(rule: FieldRule<T>): Column<T, false> => ({ rule, required: false });

export type Columns = Record<string, Column<any, boolean>>;

/** The values of a record that passed every column rule. */
export type ValuesOf<C extends Columns> = {
  [K in keyof C]: C[K] extends Column<infer T, true> ? T : C[K] extends Column<infer T, boolean> ? T | null : never;
};

/** An error of a rule across columns, before the caller's row number is attached. */
export interface ColumnError {
  column: string | null;
  message: string;
}

export interface RowSchema<C extends Columns, Row> {
  columns: C;
  /** Checks across columns and derives values from others (a slug from a name); runs once every column is valid. */
  refine(values: ValuesOf<C>): { value: Row } | { errors: ColumnError[] };
}

/** The row of a `refine` result: what its successful branch carries. */
type RefinedRow<R> = R extends { value: infer Row } ? Row : never;

/** A schema whose rows are its column values as they are. */
export function defineSchema<C extends Columns>(columns: C): RowSchema<C, ValuesOf<C>>;
/** A schema whose rows `refine` makes from the column values. */
export function defineSchema<C extends Columns, R extends { value: unknown } | { errors: ColumnError[] }>(
  columns: C,
  refine: (values: ValuesOf<C>) => R,
): RowSchema<C, RefinedRow<R>>;
export function defineSchema(columns: Columns, refine?: (values: ValuesOf<Columns>) => { value: unknown } | { errors: ColumnError[] }): RowSchema<Columns, unknown> {
  return { columns, refine: refine ?? ((values) => ({ value: values })) };
}

/** The row type a schema validates to. */
export type RowOf<S> = S extends RowSchema<any, infer Row> ? Row : never;

function unknownColumn(schema: RowSchema<any, unknown>): string {
  return `unknown column (the columns are: ${Object.keys(schema.columns).join(", ")})`;
}

/** Whether a value counts as not given: absent, null, or empty text (an empty CSV cell). */
function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

/**
 * Checks a header (the column names a file declares for all of its rows):
 * every required column present, no unknown column, no column twice. Errors
 * are reported on `row` (the header's own row).
 */
export function checkColumns(schema: RowSchema<any, unknown>, names: readonly string[], row: number): RowError[] {
  const errors: RowError[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) errors.push({ row, column: name, message: "this column appears twice" });
    seen.add(name);
    if (!Object.hasOwn(schema.columns, name)) errors.push({ row, column: name, message: unknownColumn(schema) });
  }
  for (const [name, column] of Object.entries(schema.columns as Columns)) {
    if (column.required && !seen.has(name)) errors.push({ row, column: name, message: "required column is missing" });
  }
  return errors;
}

/** Validates one record; `row` is how the caller numbers it in its errors. */
export function validateRecord<Row>(schema: RowSchema<any, Row>, record: Record<string, unknown>, row: number): { value: Row } | { errors: RowError[] } {
  const errors: RowError[] = [];
  for (const name of Object.keys(record)) {
    if (!Object.hasOwn(schema.columns, name)) errors.push({ row, column: name, message: unknownColumn(schema) });
  }
  const values: Record<string, unknown> = {};
  for (const [name, column] of Object.entries(schema.columns as Columns)) {
    const raw = record[name];
    if (isEmpty(raw)) {
      if (column.required) errors.push({ row, column: name, message: raw === undefined ? "required column is missing" : "must have a value" });
      values[name] = null;
      continue;
    }
    const result = column.rule(raw);
    if (result.ok) values[name] = result.value;
    else errors.push({ row, column: name, message: result.message });
  }
  if (errors.length) return { errors };
  const refined = schema.refine(values as ValuesOf<Columns>);
  return "value" in refined ? refined : { errors: refined.errors.map((error) => ({ row, ...error })) };
}
