/** Values as an SQL list of literals for a CHECK constraint: `'chapter', 'sig'` (the values are the code's own, never input). */
export const sqlList = (values: readonly string[]): string => values.map((value) => `'${value}'`).join(", ");
