/**
 * Running an export: rows leave PostgreSQL through a cursor, a batch at a time,
 * and are formatted and written as they come. The cursor is read only as fast
 * as the destination takes the bytes (stream backpressure), so memory stays the
 * same whether the table has a hundred rows or ten million.
 */
import { Transform, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PoolClient } from "pg";
import QueryStream from "pg-query-stream";
import type { SqlClient } from "../db/sql";
import { EXPORT_FIELDS } from "./fields";
import { createFormatter } from "./formats";
import { countStatement, exportStatement, type Statement } from "./query";
import type { ExportRequest } from "./request";

/** Rows fetched from the cursor per round trip. */
const CURSOR_BATCH_ROWS = 1000;

/**
 * Streams the rows of `statement`, read through a cursor on `client`, through
 * `formatter` into `destination`, and resolves with the number of rows once
 * the destination has taken them all. `onProgress` hears the running count
 * every thousand rows. Rejects if the destination closes early (a client that
 * went away): the cursor is closed.
 */
export async function streamStatement(
  client: PoolClient,
  statement: Statement,
  formatter: Transform,
  destination: Writable,
  onProgress?: (rows: number) => void,
): Promise<number> {
  const cursor = client.query(new QueryStream(statement.text, statement.values, { batchSize: CURSOR_BATCH_ROWS }));
  let rows = 0;
  const counter = new Transform({
    objectMode: true,
    transform(row, _encoding, callback) {
      rows += 1;
      if (onProgress && rows % CURSOR_BATCH_ROWS === 0) onProgress(rows);
      callback(null, row);
    },
  });
  await pipeline(cursor, counter, formatter, destination);
  onProgress?.(rows);
  return rows;
}

/**
 * Writes the export of `request` to `destination` on a connection of its own
 * and resolves with the number of rows (see streamStatement).
 */
export async function streamExport(
  sql: SqlClient,
  request: ExportRequest,
  destination: Writable,
  onProgress?: (rows: number) => void,
): Promise<number> {
  const formatter = createFormatter(request.format, EXPORT_FIELDS[request.table]);
  return sql.withClient((client) => streamStatement(client, exportStatement(request), formatter, destination, onProgress));
}

/** How many rows the export of `request` will have (one count statement; for a progress bar's total). */
export async function countExportRows(sql: SqlClient, request: ExportRequest): Promise<number> {
  const { text, values } = countStatement(request);
  const [{ rows }] = await sql.rows<{ rows: number }>(text, values);
  return rows;
}
