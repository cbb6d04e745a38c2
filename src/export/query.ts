/** The SQL of an export: a table's rows in its order, and how many there are (for a progress bar). */
import type { ExportRequest } from "./request";
import { EXPORT_TABLES, type ExportTable } from "./tables";

export interface Statement {
  text: string;
  values: string[];
}

type Filters = ExportRequest["filters"];

/** FROM … WHERE … of a table's current rows, filtered, with the filters' values as numbered parameters. */
function scope(table: ExportTable, filters: Filters): Statement {
  const conditions = [...(table.current ? [table.current] : []), ...filters.map((filter, i) => table.filters[filter.name]!.condition(`$${i + 1}`))];
  return {
    text: `FROM ${table.from}${conditions.length ? ` WHERE ${conditions.join(" AND ")}` : ""}`,
    values: filters.map((filter) => filter.value),
  };
}

/** The rows of `table`, one column per output column, in the table's stable order. */
export function selectStatement(table: ExportTable, filters: Filters = []): Statement {
  const { text, values } = scope(table, filters);
  const columns = table.columns.map(([name, expression]) => `${expression} AS "${name}"`).join(", ");
  return { text: `SELECT ${columns} ${text} ORDER BY ${table.orderBy}`, values };
}

/** How many rows `table` has, filtered (`rows`), and how many of them cite a synthetic source (`synthetic`; every table joins its source as `s`). */
export function countSelectStatement(table: ExportTable, filters: Filters = []): Statement {
  const { text, values } = scope(table, filters);
  return { text: `SELECT count(*)::int AS rows, (count(*) FILTER (WHERE s.synthetic))::int AS synthetic ${text}`, values };
}

/** The rows of an export request. */
export function exportStatement(request: ExportRequest): Statement {
  return selectStatement(EXPORT_TABLES[request.table], request.filters);
}

/** How many rows the export of `request` has. */
export function countStatement(request: ExportRequest): Statement {
  return countSelectStatement(EXPORT_TABLES[request.table], request.filters);
}

/** The licence identifier and URL of every source `table`'s current rows cite, each pair once (every table joins its source as `s`). */
export function citedSourcesStatement(table: ExportTable): Statement {
  const { text, values } = scope(table, []);
  return { text: `SELECT DISTINCT s.licence_id AS "licenceId", s.url ${text}`, values };
}
