/**
 * `npm run seed:synthetic -- [--chapters 5000] [--months 120] [--programmes 200] [--per-chapter 4] [--seed 1]`:
 * adds the large synthetic data set (all marked synthetic) to the database,
 * after migrations and the regular seed.
 */
import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { openDatabase } from "../db/database";
import { isSeeded, seedDatabase } from "../seed/seed";
import { LARGE_DATASET, seedSyntheticDataset } from "../seed/synthetic-dataset";
import { runCli } from "./run";

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 1_000_000) throw new Error(`--${name} must be a whole number from 1 to 1000000; got "${raw}".`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { chapters: { type: "string" }, months: { type: "string" }, programmes: { type: "string" }, "per-chapter": { type: "string" }, seed: { type: "string" } },
  });
  const options = {
    chapters: positive("chapters", values.chapters, LARGE_DATASET.chapters),
    months: positive("months", values.months, LARGE_DATASET.months),
    programmes: positive("programmes", values.programmes, LARGE_DATASET.programmes),
    participationsPerChapter: positive("per-chapter", values["per-chapter"], LARGE_DATASET.participationsPerChapter),
    seed: positive("seed", values.seed, LARGE_DATASET.seed),
  };
  // Hundreds of thousands of rows in one statement: far beyond the API's per-statement limit.
  const database = await openDatabase({ ...loadConfig(), dbStatementTimeoutMs: 600_000 });
  try {
    if (!(await isSeeded(database.dataSource))) await seedDatabase(database.dataSource);
    const report = await seedSyntheticDataset(database.dataSource, options);
    console.log(
      `Synthetic data set: ${report.chapters} chapters, ${report.snapshots} snapshots, ${report.programmes} programmes, ` +
        `${report.participations} participations written in ${(report.ms / 1000).toFixed(1)} s (all cite a synthetic source).`,
    );
  } finally {
    await database.close();
  }
}

runCli(main);
