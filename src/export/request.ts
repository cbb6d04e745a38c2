/**
 * What a caller asks to export — a table, a format and filters — read from
 * plain names and values (an HTTP path and query string, or command-line
 * options) and checked before any SQL is sent. Every refusal says what was
 * wrong and what is accepted instead.
 */
import type { SqlClient } from "../db/sql";
import { regionRepository } from "../repositories/region.repository";
import { regionRefusal } from "../validation/regions";
import { EXPORT_FORMATS, EXPORT_FORMAT_NAMES, type ExportFormatName } from "./formats";
import { EXPORT_TABLES, EXPORT_TABLE_NAMES, FILTER_NAMES, type ExportTableName, type FilterName } from "./tables";

export interface ExportRequest {
  table: ExportTableName;
  format: ExportFormatName;
  /** Filter values as the table's filter rules read them, in a fixed order. */
  filters: { name: FilterName; value: string }[];
}

export type ExportRequestErrorCode = "UNKNOWN_TABLE" | "UNKNOWN_FORMAT" | "UNKNOWN_FILTER" | "INVALID_FILTER";

/** A request that cannot be served as asked: the caller's mistake, with a code a program can test. */
export class ExportRequestError extends Error {
  constructor(
    readonly code: ExportRequestErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ExportRequestError";
  }
}

const isOneOf = <T extends string>(values: readonly T[], value: string): value is T => (values as readonly string[]).includes(value);

/**
 * Checks a request. `params` holds the filters by name; a name given twice
 * arrives as an array (as express parses `?region=a&region=b`) and is refused.
 * Throws ExportRequestError.
 */
export function parseExportRequest(table: string, format: string, params: Record<string, unknown>): ExportRequest {
  if (!isOneOf(EXPORT_TABLE_NAMES, table)) {
    throw new ExportRequestError("UNKNOWN_TABLE", `There is no table "${table}" to export; the tables are: ${EXPORT_TABLE_NAMES.join(", ")}.`);
  }
  if (!isOneOf(EXPORT_FORMAT_NAMES, format)) {
    throw new ExportRequestError("UNKNOWN_FORMAT", `There is no format "${format}"; the formats are: ${Object.keys(EXPORT_FORMATS).join(", ")}.`);
  }
  const accepted = EXPORT_TABLES[table].filters;
  const takes = () => (Object.keys(accepted).length ? `${table} takes: ${Object.keys(accepted).join(", ")}` : `${table} takes none`);
  const filters: ExportRequest["filters"] = [];
  for (const [name, raw] of Object.entries(params)) {
    const filter = isOneOf(FILTER_NAMES, name) ? accepted[name] : undefined;
    if (!filter) throw new ExportRequestError("UNKNOWN_FILTER", `"${name}" is not a filter of ${table}; ${takes()}.`);
    if (typeof raw !== "string") throw new ExportRequestError("INVALID_FILTER", `Give the filter "${name}" once, as one value.`);
    const read = filter.rule(raw);
    if (!read.ok) throw new ExportRequestError("INVALID_FILTER", `The filter "${name}" ${read.message}.`);
    filters.push({ name: name as FilterName, value: read.value });
  }
  filters.sort((a, b) => FILTER_NAMES.indexOf(a.name) - FILTER_NAMES.indexOf(b.name));
  const from = filters.find((f) => f.name === "from")?.value;
  const to = filters.find((f) => f.name === "to")?.value;
  if (from && to && from > to) throw new ExportRequestError("INVALID_FILTER", `"from" (${from}) is after "to" (${to}).`);
  return { table, format, filters };
}

/**
 * Checks the filter values that must name a row (a region's slug) against the
 * database, as the GraphQL filters do: a slug no region has would export an
 * empty file, silently. Throws ExportRequestError naming the regions there are.
 */
export async function checkNamedFilters(sql: SqlClient, request: ExportRequest): Promise<void> {
  const region = request.filters.find((filter) => filter.name === "region");
  if (!region || (await regionRepository.bySlugs(sql, [region.value]))[0]) return;
  throw new ExportRequestError("INVALID_FILTER", `The filter "region": ${regionRefusal(region.value, await regionRepository.all(sql))}.`);
}
