/**
 * `npm run import -- FILE [--dry-run] [--table T]`: loads a CSV, JSON or NDJSON
 * file of chapters, membership snapshots, participation, award recipients or
 * facts (src/import/). The table comes from --table or the file's name. Prints
 * every problem of a refused file and exits 1; a progress bar shows on a
 * terminal only, and a summary ends every run.
 */
import { parseArgs } from "node:util";
import { Presets, SingleBar } from "cli-progress";
import { loadConfig } from "../config";
import { openDatabase } from "../db/database";
import { importFile, type ImportSummary } from "../import/import";
import { describeProblem } from "../import/problems";
import { runCli } from "./run";

const USAGE = "usage: npm run import -- FILE [--dry-run] [--table chapters|membership|participation|awards|facts]";

function describeSummary(s: ImportSummary): string {
  const created = Object.entries(s.created).map(([table, n]) => `${n} new ${table}${n === 1 ? "" : "s"}`);
  const counts = s.dryRun
    ? `would insert ${s.inserted}, update ${s.updated} and leave ${s.unchanged} unchanged`
    : `${s.inserted} inserted, ${s.updated} updated, ${s.unchanged} unchanged`;
  return `${s.dryRun ? "Dry run, nothing written: " : ""}${s.file} → ${s.table}: ${s.rows} rows; ${counts}${created.length ? `; ${created.join(", ")}` : ""}.`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { "dry-run": { type: "boolean" }, table: { type: "string" } } });
  if (positionals.length !== 1) throw new Error(USAGE);
  const database = await openDatabase(loadConfig());
  const bar = process.stderr.isTTY ? new SingleBar({ format: "{bar} {value}/{total} rows" }, Presets.shades_classic) : null;
  try {
    const outcome = await importFile(database.dataSource, positionals[0], {
      table: values.table,
      dryRun: values["dry-run"],
      onProgress: (written, total) => {
        if (bar && !bar.isActive) bar.start(total, 0);
        bar?.update(written);
      },
    });
    bar?.stop(); // before the summary, so it is not drawn over
    if (outcome.ok) {
      console.log(describeSummary(outcome.summary));
      return;
    }
    for (const problem of outcome.problems) console.error(describeProblem(problem));
    const unlisted = outcome.totalProblems - outcome.problems.length;
    if (unlisted > 0) console.error(`… and ${unlisted} more.`);
    console.error(`Refused: ${outcome.totalProblems} problem${outcome.totalProblems === 1 ? "" : "s"}; nothing was written.`);
    process.exitCode = 1;
  } finally {
    bar?.stop();
    await database.close();
  }
}

runCli(main);
