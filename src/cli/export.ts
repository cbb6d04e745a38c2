/**
 * `npm run export -- --table membership --format csv --out FILE [--region R]
 * [--country CC] [--kind K] [--from DATE] [--to DATE] [--since INSTANT]`: the
 * same export as GET /export/{table}.{format} (src/export/), into a file. The
 * format may be left to the file's extension. The file appears only when
 * complete (it is written beside, then renamed), so a failed run leaves no
 * half a file to be mistaken for a whole one.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { Presets, SingleBar } from "cli-progress";
import { loadConfig } from "../config";
import { openDatabase } from "../db/database";
import { SqlClient } from "../db/sql";
import { checkNamedFilters, parseExportRequest } from "../export/request";
import { countExportRows, streamExport } from "../export/stream";
import { FILTER_NAMES } from "../export/tables";
import { runCli } from "./run";

const USAGE = `usage: npm run export -- --table TABLE [--format csv|json|ndjson|parquet] --out FILE [${FILTER_NAMES.map((f) => `--${f} VALUE`).join(" ")}]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      table: { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
      ...Object.fromEntries(FILTER_NAMES.map((name) => [name, { type: "string" as const }])),
    },
  });
  const { table, format, out, ...filters } = values as Record<string, string | undefined>;
  if (!table || !out) throw new Error(USAGE);
  const given = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined));
  const request = parseExportRequest(table, format ?? path.extname(out).slice(1), given);

  const database = await openDatabase(loadConfig());
  const sql = SqlClient.fromDataSource(database.dataSource);
  const partial = `${out}.partial`;
  const bar = process.stderr.isTTY ? new SingleBar({ format: "{bar} {value}/{total} rows" }, Presets.shades_classic) : null;
  try {
    await checkNamedFilters(sql, request);
    const started = Date.now();
    bar?.start(await countExportRows(sql, request), 0);
    const rows = await streamExport(sql, request, fs.createWriteStream(partial), (written) => bar?.update(written));
    bar?.stop();
    fs.renameSync(partial, out);
    const seconds = (Date.now() - started) / 1000;
    console.log(`Exported ${rows} rows of ${request.table} as ${request.format} to ${out} in ${seconds.toFixed(1)} s.`);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    bar?.stop();
    await database.close();
  }
}

runCli(main);
