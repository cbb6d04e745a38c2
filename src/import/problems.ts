/**
 * What is wrong with an import file, said so a person can find and fix it:
 * the file, the row, the column, the problem. A file is refused with all its
 * problems (up to a cap, then a count of the rest), not only the first.
 */
import type { RowError } from "../validation/record";

export interface ImportProblem {
  file: string;
  /** Rows are numbered as the file's lines for CSV and NDJSON (the CSV header is row 1), and from 1 in a JSON array; null for the file as a whole. */
  row: number | null;
  column: string | null;
  message: string;
}

/** Problems listed in full; past this many, only counted (a file with a wrong column can have a problem on every row). */
export const MAX_LISTED_PROBLEMS = 100;

/** "chapters.csv, row 3, column country_code: is not an ISO 3166-1 alpha-2 country code: \"XX\"" */
export function describeProblem(problem: ImportProblem): string {
  const where = [problem.file, problem.row === null ? null : `row ${problem.row}`, problem.column === null ? null : `column ${problem.column}`];
  return `${where.filter(Boolean).join(", ")}: ${problem.message}`;
}

/** The problems of one file: the first MAX_LISTED_PROBLEMS kept, all counted. */
export class ProblemList {
  readonly listed: ImportProblem[] = [];
  total = 0;

  constructor(readonly file: string) {}

  add(row: number | null, column: string | null, message: string): void {
    this.total += 1;
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push({ file: this.file, row, column, message });
  }

  /** Adds the errors a row schema found. */
  addRowErrors(errors: RowError[]): void {
    for (const error of errors) this.add(error.row, error.column, error.message);
  }

  get empty(): boolean {
    return this.total === 0;
  }
}
