/**
 * `npm run release [-- --name NAME]`: freezes the current public data as an
 * immutable, citable release under RELEASES_DIR (src/release/): every table as
 * CSV and Parquet, a Frictionless datapackage.json with checksums, row counts
 * and the data version. The name defaults to today's date (UTC). A malformed
 * or taken name is refused before anything is written; data identical to a
 * published release's is recognised and nothing is written.
 */
import { parseArgs } from "node:util";
import { Presets, SingleBar } from "cli-progress";
import { loadConfig } from "../config";
import { openDatabase } from "../db/database";
import { SqlClient } from "../db/sql";
import { createRelease } from "../release/release";
import { ReleaseStore } from "../release/store";
import { runCli } from "./run";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { name: { type: "string" } } });
  const config = loadConfig();
  const store = new ReleaseStore(config.releasesDir);
  // Refuse a bad name before connecting to anything.
  if (values.name !== undefined) store.checkNewName(values.name);
  const database = await openDatabase(config);
  const sql = SqlClient.fromDataSource(database.dataSource);
  const bar = process.stderr.isTTY ? new SingleBar({ format: "{bar} {percentage}% {value}/{total} rows written" }, Presets.shades_classic) : null;
  try {
    const started = Date.now();
    const outcome = await createRelease(sql, store, { name: values.name, progress: { start: (total) => bar?.start(total, 0), update: (rows) => bar?.update(rows) } });
    bar?.stop();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const { release } = outcome;
    if (outcome.status === "identical") {
      console.log(`The data is identical to release ${release.version} (data version ${release.dataVersion}, same checksums): nothing written.`);
      return;
    }
    const rows = release.resources.filter((r) => r.format === "csv").reduce((sum, r) => sum + r.rows, 0);
    console.log(`Released ${release.version} (data version ${release.dataVersion}): ${release.resources.length} files, ${rows} rows per format, in ${outcome.dir} in ${seconds} s.`);
  } finally {
    bar?.stop();
    await database.close();
  }
}

runCli(main);
