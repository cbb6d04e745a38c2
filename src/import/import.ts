/**
 * Importing one file: read it, validate every row, refuse it whole with all
 * its problems, or write it whole in one transaction (upserts by natural key,
 * so importing the same file again changes nothing). A dry run does all of
 * that, writes included, inside a transaction it then rolls back: it reports
 * exactly what the import would insert, update and leave unchanged, and the
 * database keeps no row of it. (Like any INSERT … ON CONFLICT, it does use up
 * id sequence values, which PostgreSQL never rolls back: later ids may skip
 * numbers, as they do after the seed's upserts.)
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { DataSource } from "typeorm";
import { checkColumns, validateRecord, type NumberedRow } from "../validation/record";
import { ProblemList, type ImportProblem } from "./problems";
import { readRecords } from "./read";
import { resolveSources } from "./sources";
import { IMPORT_KINDS, IMPORT_TABLES, type ImportKind } from "./tables";
import { writeRows, type WriteCounts } from "./write";

export interface ImportOptions {
  /** The kind of rows (chapters, membership, …), when the file's name does not start with it. */
  table?: string;
  /** Report what would change; write nothing. */
  dryRun?: boolean;
  /** Hears the rows written so far, and the file's row count, after each batch. */
  onProgress?: (written: number, total: number) => void;
}

export interface ImportSummary extends WriteCounts {
  file: string;
  table: ImportKind;
  dryRun: boolean;
  rows: number;
  /** Rows of other tables the file brought in (new sources, new awards), by table. */
  created: Record<string, number>;
}

/** A file imported (or, in a dry run, checked and counted), or refused with its problems. */
export type ImportOutcome =
  | { ok: true; summary: ImportSummary }
  | { ok: false; problems: ImportProblem[]; totalProblems: number };

const refused = (problems: ProblemList): ImportOutcome => ({ ok: false, problems: problems.listed, totalProblems: problems.total });

/** The kind named by `option`, else the one the file's name starts with ("membership-2025.csv"); null (with a problem) when neither says. */
function kindOf(fileName: string, option: string | undefined, problems: ProblemList): ImportKind | null {
  const name = option ?? IMPORT_KINDS.find((kind) => new RegExp(`^${kind}(?![a-z])`, "i").test(fileName));
  if (name && (IMPORT_KINDS as readonly string[]).includes(name)) return name as ImportKind;
  problems.add(null, null, option
    ? `there is no table "${option}" to import into; the tables are: ${IMPORT_KINDS.join(", ")}`
    : `cannot tell which table the file is for: start its name with one of ${IMPORT_KINDS.join(", ")} (as exports are named), or give --table`);
  return null;
}

/** Imports the file at `filePath` into the database of `dataSource`. A file that cannot be read at all (missing) throws. */
export async function importFile(dataSource: DataSource, filePath: string, options: ImportOptions = {}): Promise<ImportOutcome> {
  const fileName = path.basename(filePath);
  const problems = new ProblemList(fileName);
  const kind = kindOf(fileName, options.table, problems);
  if (!kind) return refused(problems);
  const table = IMPORT_TABLES[kind];

  const file = readRecords(fileName, await fs.readFile(filePath), problems);
  if (!file) return refused(problems);
  // A wrong header would make every row wrong in the same way: it is reported once, and the rows are not read.
  if (file.header) problems.addRowErrors(checkColumns(table.schema, file.header.names, file.header.row));
  if (!problems.empty) return refused(problems);

  const rows: NumberedRow<any>[] = [];
  const rowOfKey = new Map<string, number>();
  for (const record of file.records) {
    const result = validateRecord(table.schema, record.values, record.row);
    if ("errors" in result) {
      problems.addRowErrors(result.errors);
      continue;
    }
    const key = JSON.stringify(table.key.map((field) => result.value[field]));
    const first = rowOfKey.get(key);
    if (first !== undefined) problems.add(record.row, table.key.join(", "), `repeats row ${first}: two rows of one file cannot have the same ${table.key.join(" and ")}`);
    else rowOfKey.set(key, record.row);
    rows.push({ row: record.row, value: result.value });
  }
  if (!problems.empty) return refused(problems);

  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    const created: Record<string, number> = {};
    const sources = await resolveSources(runner.manager, fileName, rows, problems);
    if (sources.created) created.source = sources.created;
    const databaseRows = problems.empty ? await table.toDatabaseRows({ manager: runner.manager, sourceIds: sources.ids, problems, created }, rows) : [];
    if (!problems.empty) {
      await runner.rollbackTransaction();
      return refused(problems);
    }
    const counts = await writeRows(runner.manager, table.upsert, databaseRows, (written) => options.onProgress?.(written, rows.length));
    if (options.dryRun) await runner.rollbackTransaction();
    else await runner.commitTransaction();
    return { ok: true, summary: { file: fileName, table: kind, dryRun: Boolean(options.dryRun), rows: rows.length, ...counts, created } };
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}
