/**
 * The placeholders of one statement, built up as its SQL is: every value goes
 * in as a typed parameter ($n::type), never into the text, so one statement
 * text serves every value (prepared once per connection, src/db/sql.ts) and
 * no value is ever read as SQL.
 */
export interface StatementParams {
  values: unknown[];
  /** Appends `value` and returns its typed placeholder ($n::type). */
  add(value: unknown, type: string): string;
}

export function statementParams(): StatementParams {
  const values: unknown[] = [];
  return {
    values,
    add(value, type) {
      values.push(value);
      return `$${values.length}::${type}`;
    },
  };
}
