/** The SQL of an export request: its rows in the table's order, and how many there are (for a progress bar). */
import type { ExportRequest } from "./request";
import { EXPORT_TABLES } from "./tables";

export interface Statement {
  text: string;
  values: string[];
}

/** FROM … WHERE … of a request, with its values as numbered parameters. */
function scope(request: ExportRequest): Statement {
  const table = EXPORT_TABLES[request.table];
  const conditions = [...(table.current ? [table.current] : []), ...request.filters.map((filter, i) => table.filters[filter.name]!.condition(`$${i + 1}`))];
  return {
    text: `FROM ${table.from}${conditions.length ? ` WHERE ${conditions.join(" AND ")}` : ""}`,
    values: request.filters.map((filter) => filter.value),
  };
}

/** The rows of an export, one column per output column, in the table's stable order. */
export function exportStatement(request: ExportRequest): Statement {
  const table = EXPORT_TABLES[request.table];
  const { text, values } = scope(request);
  const columns = table.columns.map(([name, expression]) => `${expression} AS "${name}"`).join(", ");
  return { text: `SELECT ${columns} ${text} ORDER BY ${table.orderBy}`, values };
}

/** How many rows the export of `request` has. */
export function countStatement(request: ExportRequest): Statement {
  const { text, values } = scope(request);
  return { text: `SELECT count(*) AS rows ${text}`, values };
}

/** The output column names of a table, in order (a CSV file's header). */
export function columnsOf(request: ExportRequest): string[] {
  return EXPORT_TABLES[request.table].columns.map(([name]) => name);
}
