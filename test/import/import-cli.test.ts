/**
 * `npm run import` as a person runs it: a summary, or every problem and exit
 * code 1. (Each run starts a process through ts-node, a few seconds: the
 * behaviour itself is tested through importFile in import.test.ts.)
 */
import path from "node:path";
import { createScratchDatabase, fingerprint, type ScratchDatabase } from "./scratch-database";
import { runCli } from "./run-cli";

const fixture = (name: string) => path.join(__dirname, "../fixtures/import", name);

let db: ScratchDatabase;
beforeAll(async () => {
  db = await createScratchDatabase("isoc_import_cli");
});
afterAll(() => db.drop());

describe("npm run import", () => {
  it("--dry-run prints what would change, writes nothing and exits 0", async () => {
    const before = await fingerprint(db.dataSource);
    const run = await runCli("import.ts", [fixture("chapters.csv"), "--dry-run", "--table", "chapters"], db.url);
    expect(run).toEqual({
      code: 0,
      stdout: "Dry run, nothing written: chapters.csv → chapters: 3 rows; would insert 1, update 1 and leave 1 unchanged; 1 new source.\n",
      stderr: "",
    });
    expect(await fingerprint(db.dataSource)).toEqual(before);
  });

  it("prints each problem with its file, row and column, says nothing was written, and exits 1", async () => {
    const before = await fingerprint(db.dataSource);
    const run = await runCli("import.ts", [fixture("membership-bad-date.csv")], db.url);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.split("\n")).toEqual([
      'membership-bad-date.csv, row 3, column taken_on: must be a date written YYYY-MM-DD, not "2026-02-30"',
      'membership-bad-date.csv, row 4, column taken_on: must be a date written YYYY-MM-DD, not "2026/03/01"',
      'membership-bad-date.csv, row 4, column organization_members: must be a whole number, not "lots"',
      "Refused: 3 problems; nothing was written.",
      "",
    ]);
    expect(await fingerprint(db.dataSource)).toEqual(before);
  });
});
