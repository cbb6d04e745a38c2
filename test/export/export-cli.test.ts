/** `npm run export`: the same export into a file, a summary, and a non-zero exit with a message when the request is wrong. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { testDatabaseUrl } from "../support/harness";
import { runCli } from "../import/run-cli";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "isoc-export-cli-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("npm run export", () => {
  it("writes the filtered table to --out, the format read from its extension, and says how many rows", async () => {
    const out = path.join(dir, "membership.csv");
    const run = await runCli("export.ts", ["--table", "membership", "--out", out, "--country", "KE", "--from", "2025-01-01"], testDatabaseUrl());
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const rows: Record<string, string>[] = parseCsv(fs.readFileSync(out), { columns: true });
    expect(rows.map((row) => row.taken_on)).toEqual(Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}-01`));
    expect(run.stdout).toMatch(/^Exported 12 rows of membership as csv to .*membership\.csv in \d+\.\d s\.\n$/);
  });

  it("exits 1 with the reason, and leaves no file, when the request is wrong", async () => {
    const out = path.join(dir, "chapters.csv");
    const run = await runCli("export.ts", ["--table", "chapters", "--format", "csv", "--out", out, "--from", "2020-01-01"], testDatabaseUrl());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/"from" is not a filter of chapters/);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(`${out}.partial`)).toBe(false);
  });
});
