/**
 * Reading an import file into records, each with the row number its problems
 * will be reported on. Reads CSV (one header row, RFC 4180 quoting), JSON (an
 * array of objects) and NDJSON (one object per line), all in UTF-8.
 *
 * Refused here, before any row is looked at: an empty file, a file that is not
 * UTF-8 (each cell with bytes that are not is named, so a Latin-1 "é" is found
 * at its row and column), and text that is not CSV or JSON at all.
 */
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import type { ProblemList } from "./problems";

export interface FileRecord {
  row: number;
  values: Record<string, unknown>;
}

export interface FileRecords {
  /** The CSV header (its names and row), which declares the columns of every row; null for JSON, where each object names its own. */
  header: { row: number; names: string[] } | null;
  records: FileRecord[];
}

const FORMATS = { ".csv": "csv", ".json": "json", ".ndjson": "ndjson", ".jsonl": "ndjson" } as const;
type FileFormat = (typeof FORMATS)[keyof typeof FORMATS];

/** What a byte that is not UTF-8 becomes when decoded leniently. */
const REPLACEMENT = "\uFFFD";

/** The records of `bytes`, read by the extension of `fileName`; null (with problems added) when the file cannot be read. */
export function readRecords(fileName: string, bytes: Buffer, problems: ProblemList): FileRecords | null {
  const format = FORMATS[path.extname(fileName).toLowerCase() as keyof typeof FORMATS];
  if (!format) {
    problems.add(null, null, `cannot read a "${path.extname(fileName)}" file: name it .csv, .json or .ndjson`);
    return null;
  }
  // The decoder drops a byte-order mark, which spreadsheet programs put at the start of "CSV UTF-8" files.
  let text: string;
  let utf8 = true;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    utf8 = false;
    text = new TextDecoder("utf-8").decode(bytes);
  }
  if (text.trim() === "") {
    problems.add(null, null, "the file is empty: there is no header row and no data");
    return null;
  }
  const read = parseRecords(format, text, problems);
  if (!utf8) reportNonUtf8(read, problems);
  return utf8 ? read : null;
}

function parseRecords(format: FileFormat, text: string, problems: ProblemList): FileRecords | null {
  if (format === "csv") return parseCsvRecords(text, problems);
  if (format === "json") return parseJsonRecords(text, problems);
  return parseNdjsonRecords(text, problems);
}

/** Names every cell holding bytes that were not UTF-8; the file as a whole when they are where no cell is. */
function reportNonUtf8(read: FileRecords | null, problems: ProblemList): void {
  const message = "has bytes that are not UTF-8 (a Latin-1 or Windows-1252 file, for instance): save the file as UTF-8";
  const before = problems.total;
  for (const name of read?.header?.names ?? []) {
    if (name.includes(REPLACEMENT)) problems.add(read!.header!.row, null, `the header ${message}`);
  }
  for (const record of read?.records ?? []) {
    for (const [column, value] of Object.entries(record.values)) {
      if (typeof value === "string" && value.includes(REPLACEMENT)) problems.add(record.row, column, message);
    }
  }
  if (problems.total === before) problems.add(null, null, `the file ${message}`);
}

function parseCsvRecords(text: string, problems: ProblemList): FileRecords | null {
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parseCsv(text, { info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof parsed;
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
    problems.add(lines ?? null, null, `is not valid CSV: ${message}`);
    return null;
  }
  // csv-parse reports the line a record ends on; a cell with line breaks makes it start earlier.
  const rowOf = ({ record, info }: (typeof parsed)[number]) => info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
  const [header, ...rows] = parsed;
  const names = header.record;
  const records: FileRecord[] = [];
  for (const entry of rows) {
    const row = rowOf(entry);
    if (entry.record.length !== names.length) {
      problems.add(row, null, `has ${entry.record.length} fields; the header has ${names.length}`);
      continue;
    }
    records.push({ row, values: Object.fromEntries(names.map((name, i) => [name, entry.record[i]])) });
  }
  return { header: { row: rowOf(header), names }, records };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseJsonRecords(text: string, problems: ProblemList): FileRecords | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    problems.add(null, null, `is not valid JSON: ${(error as Error).message}`);
    return null;
  }
  if (!Array.isArray(parsed)) {
    problems.add(null, null, "must hold a JSON array of objects, one per row");
    return null;
  }
  const records: FileRecord[] = [];
  parsed.forEach((value, i) => {
    if (isObject(value)) records.push({ row: i + 1, values: value });
    else problems.add(i + 1, null, "is not a JSON object");
  });
  return { header: null, records };
}

function parseNdjsonRecords(text: string, problems: ProblemList): FileRecords | null {
  const records: FileRecord[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    try {
      const value: unknown = JSON.parse(line);
      if (isObject(value)) records.push({ row: i + 1, values: value });
      else problems.add(i + 1, null, "is not a JSON object");
    } catch (error) {
      problems.add(i + 1, null, `is not valid JSON: ${(error as Error).message}`);
    }
  });
  return { header: null, records };
}
