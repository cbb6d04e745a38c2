/**
 * Rows to Apache Parquet, with the column types of ./fields.ts: dates as DATE,
 * counts as INT32, flags as BOOLEAN, instants as TIMESTAMP (microseconds, UTC),
 * and every column that may be empty OPTIONAL. Written by @dsnp/parquetjs
 * (the maintained fork of parquetjs) a row group at a time, so memory holds
 * one row group however long the table is.
 *
 * The values arrive as the export SELECTs give them: dates and instants as
 * text (see ./tables.ts), so the conversion here is exact (no time zone, and
 * `updated_at` keeps its microseconds, which a JS Date would drop).
 *
 * Every file carries the data's licence in its key-value metadata (`license`,
 * `license_url`, `synthetic_license`, `license_statement`: src/licensing/data-licence.ts).
 */
import { Transform, type TransformCallback } from "node:stream";
import type { ParquetWriter } from "@dsnp/parquetjs";
import { DATA_LICENCE_PARQUET_METADATA } from "../licensing/data-licence";
import type { Field, FieldType } from "./fields";

/** Rows per row group: a few MB of buffered values for the widest tables. */
const ROW_GROUP_ROWS = 10_000;

const PARQUET_TYPES: Record<FieldType, string> = {
  string: "UTF8",
  integer: "INT32",
  number: "DOUBLE",
  boolean: "BOOLEAN",
  date: "DATE",
  datetime: "TIMESTAMP_MICROS",
};

const MS_PER_DAY = 86_400_000;
/** `YYYY-MM-DDTHH:MM:SS.ffffffZ`, as the export SELECTs write `updated_at`. */
const INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?Z$/;

/** Days since 1970-01-01 of an ISO date. */
function daysOf(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;
}

/** Microseconds since 1970-01-01T00:00:00Z of an export instant. */
function microsecondsOf(instant: string): bigint {
  const match = INSTANT.exec(instant);
  if (!match) throw new Error(`"${instant}" is not an instant of the form YYYY-MM-DDTHH:MM:SS.ffffffZ`);
  return BigInt(Date.parse(`${match[1]}Z`)) * 1000n + BigInt((match[2] ?? "").padEnd(6, "0"));
}

const CONVERSIONS: Partial<Record<FieldType, (value: never) => unknown>> = {
  date: (value: string) => daysOf(value),
  datetime: (value: string) => microsecondsOf(value),
};

/**
 * Opens a writer of `fields` onto `output`. The library is loaded on first use: it (and the AWS SDK it
 * requires) adds about half a second to every start of the server and the command-line tools otherwise.
 */
async function openWriter(fields: readonly Field[], output: object): Promise<ParquetWriter> {
  // A require, not import(): jest runs without ES module support, and this is CommonJS either way.
  const { ParquetSchema, ParquetWriter } = require("@dsnp/parquetjs") as typeof import("@dsnp/parquetjs");
  const schema = new ParquetSchema(Object.fromEntries(fields.map((field) => [field.name, { type: PARQUET_TYPES[field.type], optional: !field.required, compression: "SNAPPY" }])) as never);
  const writer = await ParquetWriter.openStream(schema, output as never, { rowGroupSize: ROW_GROUP_ROWS });
  // The licence travels with the file, wherever it is copied to (written into the footer on close).
  for (const [key, value] of Object.entries(DATA_LICENCE_PARQUET_METADATA)) writer.setMetadata(key, value);
  return writer;
}

/** A row as the writer takes it: typed values, and empty values left out (Parquet's nulls). */
function parquetRow(fields: readonly Field[], row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = row[field.name];
    if (value === null || value === undefined) continue;
    const convert = CONVERSIONS[field.type];
    out[field.name] = convert ? convert(value as never) : value;
  }
  return out;
}

/**
 * A stream that takes row objects and gives the bytes of a Parquet file. The
 * writer writes into this stream's readable side; a row is taken only once
 * the previous one is buffered or written, so at most one row group waits in memory.
 * Nothing is given out before the first row arrives (or the end, for an
 * empty table), so an HTTP response whose query fails at once can still answer with an error.
 */
export function createParquetFormatter(fields: readonly Field[]): Transform {
  let writer: Promise<ParquetWriter> | undefined;
  const output = new Transform({
    writableObjectMode: true,
    transform(row: Record<string, unknown>, _encoding, callback: TransformCallback) {
      open()
        .then((w) => w.appendRow(parquetRow(fields, row)))
        .then(() => callback(), callback);
    },
    flush(callback) {
      open()
        .then((w) => w.close())
        .then(() => callback(), callback);
    },
  });
  // What the writer sees as its output file: each chunk goes out of the transform as it is written.
  const sink = {
    write(chunk: Buffer, done: (error?: Error | null) => void) {
      output.push(chunk);
      done();
    },
    end(done: (error?: Error | null) => void) {
      done();
    },
  };
  const open = () => (writer ??= openWriter(fields, sink));
  return output;
}
