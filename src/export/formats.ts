/**
 * The output formats of an export. Each turns a stream of rows into text as it
 * comes: rows are formatted in batches (one chunk per batch, not one write per
 * row, so an HTTP response is not cut into a million tiny chunks), and nothing
 * holds more than a batch.
 */
import { Transform, type TransformCallback } from "node:stream";
import { stringify } from "csv-stringify/sync";

export const EXPORT_FORMAT_NAMES = ["csv", "json", "ndjson"] as const;
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
  /** A layout for rows with these columns, in this order. */
  layout(columns: string[]): Layout;
}

/** Rows per formatted chunk: about 10–30 KB of text for the widest tables. */
const BATCH_ROWS = 256;

const jsonLines = (rows: Row[], separator: string) => rows.map((row) => JSON.stringify(row)).join(separator);

/** Every format, by the extension in an export's URL. */
export const EXPORT_FORMATS: Record<ExportFormatName, ExportFormat> = {
  csv: {
    contentType: "text/csv; charset=utf-8",
    layout: (columns) => {
      // Booleans as words, as the import reads them (csv-stringify would write "1" and "").
      const options = { columns, cast: { boolean: (value: boolean) => String(value) } };
      return {
        begin: stringify([], { ...options, header: true }),
        rows: (rows) => stringify(rows, options),
        end: "",
      };
    },
  },
  json: {
    contentType: "application/json; charset=utf-8",
    layout: () => ({ begin: "[", rows: (rows, continuing) => `${continuing ? "," : ""}\n${jsonLines(rows, ",\n")}`, end: "\n]\n" }),
  },
  ndjson: {
    contentType: "application/x-ndjson; charset=utf-8",
    layout: () => ({ begin: "", rows: (rows) => `${jsonLines(rows, "\n")}\n`, end: "" }),
  },
};

/**
 * Turns row objects into the text of `format`. The header (or opening bracket)
 * leaves with the first batch, or at the end when there are no rows: nothing is
 * written before the first rows arrive, so an HTTP response whose query fails
 * at once can still answer with an error status.
 */
export function createFormatter(format: ExportFormatName, columns: string[]): Transform {
  const layout = EXPORT_FORMATS[format].layout(columns);
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
