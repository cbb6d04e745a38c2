/**
 * The output formats of an export. Each turns a stream of rows into bytes as
 * they come: text formats format rows in batches (one chunk per batch, not one
 * write per row, so an HTTP response is not cut into a million tiny chunks),
 * Parquet a row group at a time (./parquet.ts); nothing holds more than that.
 */
import { Transform, type TransformCallback } from "node:stream";
import { stringify } from "csv-stringify/sync";
import type { Field } from "./fields";
import { createParquetFormatter } from "./parquet";

export const EXPORT_FORMAT_NAMES = ["csv", "json", "ndjson", "parquet"] as const;
export type ExportFormatName = (typeof EXPORT_FORMAT_NAMES)[number];

type Row = Record<string, unknown>;

/** How a format lays rows out: what comes first, a batch of rows, what comes last. */
interface Layout {
  begin: string;
  /** `continuing` is false for the first batch only. */
  rows(rows: Row[], continuing: boolean): string;
  end: string;
}

export interface ExportFormat {
  /** The Content-Type of a response in this format. */
  contentType: string;
  /** A stream from row objects to the bytes of this format, for rows with these fields, in this order. */
  formatter(fields: readonly Field[]): Transform;
}

/** Rows per formatted chunk: about 10–30 KB of text for the widest tables. */
const BATCH_ROWS = 256;

const jsonLines = (rows: Row[], separator: string) => rows.map((row) => JSON.stringify(row)).join(separator);

/** A text format, laid out for the columns named. */
const textFormat = (contentType: string, layout: (columns: string[]) => Layout): ExportFormat => ({
  contentType,
  formatter: (fields) => createTextFormatter(layout(fields.map((field) => field.name))),
});

/** Every format, by the extension in an export's URL. */
export const EXPORT_FORMATS: Record<ExportFormatName, ExportFormat> = {
  csv: textFormat("text/csv; charset=utf-8", (columns) => {
    // Booleans as words, as the import reads them (csv-stringify would write "1" and "").
    const options = { columns, cast: { boolean: (value: boolean) => String(value) } };
    return {
      begin: stringify([], { ...options, header: true }),
      rows: (rows) => stringify(rows, options),
      end: "",
    };
  }),
  json: textFormat("application/json; charset=utf-8", () => ({ begin: "[", rows: (rows, continuing) => `${continuing ? "," : ""}\n${jsonLines(rows, ",\n")}`, end: "\n]\n" })),
  ndjson: textFormat("application/x-ndjson; charset=utf-8", () => ({ begin: "", rows: (rows) => `${jsonLines(rows, "\n")}\n`, end: "" })),
  parquet: { contentType: "application/vnd.apache.parquet", formatter: createParquetFormatter },
};

/** Turns row objects into the bytes of `format`, for rows with `fields`. */
export function createFormatter(format: ExportFormatName, fields: readonly Field[]): Transform {
  return EXPORT_FORMATS[format].formatter(fields);
}

/**
 * Turns row objects into text laid out by `layout`. The header (or opening bracket)
 * leaves with the first batch, or at the end when there are no rows: nothing is
 * written before the first rows arrive, so an HTTP response whose query fails
 * at once can still answer with an error status.
 */
function createTextFormatter(layout: Layout): Transform {
  let batch: Row[] = [];
  let begun = false;
  const text = (last: boolean) => {
    const opening = begun ? "" : layout.begin;
    const rows = batch.length ? layout.rows(batch, begun) : "";
    begun = true;
    batch = [];
    return opening + rows + (last ? layout.end : "");
  };
  return new Transform({
    writableObjectMode: true,
    writableHighWaterMark: BATCH_ROWS,
    transform(row: Row, _encoding, callback: TransformCallback) {
      batch.push(row);
      callback(null, batch.length >= BATCH_ROWS ? text(false) : undefined);
    },
    flush(callback) {
      const last = text(true);
      callback(null, last || undefined);
    },
  });
}
