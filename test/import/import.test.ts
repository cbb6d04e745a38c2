/**
 * `importFile` on a scratch database: a bad file is refused whole, writes
 * nothing and names each problem's row and column; a good file is upserted by
 * natural key, a dry run writes nothing, and a second import changes nothing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { importFile, type ImportOutcome } from "../../src/import/import";
import { MAX_LISTED_PROBLEMS, type ImportProblem } from "../../src/import/problems";
import { createScratchDatabase, fingerprint, type ScratchDatabase } from "./scratch-database";

const FIXTURES = path.join(__dirname, "../fixtures/import");
const fixture = (name: string) => path.join(FIXTURES, name);

let db: ScratchDatabase;
let dir: string;
beforeAll(async () => {
  db = await createScratchDatabase("isoc_import");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "isoc-import-"));
});
afterAll(async () => {
  await db.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function problemsOf(outcome: ImportOutcome): ImportProblem[] {
  if (outcome.ok) throw new Error(`expected a refusal, got ${JSON.stringify(outcome.summary)}`);
  return outcome.problems;
}

function summaryOf(outcome: ImportOutcome) {
  if (!outcome.ok) throw new Error(`expected an import, got ${JSON.stringify(outcome.problems)}`);
  return outcome.summary;
}

const problem = (file: string, row: number | null, column: string | null, message: RegExp) => ({ file, row, column, message: expect.stringMatching(message) });

describe("a bad file is refused whole, writes nothing, and names the row and column", () => {
  const cases: [string, ReturnType<typeof problem>[]][] = [
    ["chapters-bad-country.csv", [problem("chapters-bad-country.csv", 3, "country_code", /not an ISO 3166-1 alpha-2 country code: "XX"/)]],
    [
      "membership-bad-date.csv",
      [
        problem("membership-bad-date.csv", 3, "taken_on", /must be a date written YYYY-MM-DD, not "2026-02-30"/),
        problem("membership-bad-date.csv", 4, "taken_on", /not "2026\/03\/01"/),
        problem("membership-bad-date.csv", 4, "organization_members", /must be a whole number, not "lots"/),
      ],
    ],
    ["membership-negative-count.csv", [problem("membership-negative-count.csv", 4, "individual_members", /^must not be negative \(got -5\)$/)]],
    ["chapters-missing-column.csv", [problem("chapters-missing-column.csv", 1, "status", /^required column is missing$/)]],
    ["chapters-extra-column.csv", [problem("chapters-extra-column.csv", 1, "mascot", /^unknown column \(the columns are: slug, name, kind/)]],
    ["membership-duplicate-key.csv", [problem("membership-duplicate-key.csv", 4, "chapter_slug, taken_on", /repeats row 2/)]],
    ["chapters-empty.csv", [problem("chapters-empty.csv", null, null, /the file is empty/)]],
    ["chapters-latin1.csv", [problem("chapters-latin1.csv", 3, "name", /bytes that are not UTF-8.*save the file as UTF-8/)]],
    [
      "awards-bad.json",
      [
        problem("awards-bad.json", 1, "year", /must be from 1900 to 2100 \(got 1850\)/),
        problem("awards-bad.json", 2, "year", /must be a whole number, not "20x9"/),
        problem("awards-bad.json", 3, "recipient", /required column is missing/),
      ],
    ],
    // Found inside the transaction, after the file's new source was written: the rollback takes the source back too.
    ["membership-unknown-chapter.csv", [problem("membership-unknown-chapter.csv", 3, "chapter_slug", /no chapter has the slug "atlantis"/)]],
    ["membership-relabelled.csv", [problem("membership-relabelled.csv", 2, "synthetic", /is false, but urn:isoc-open-data:synthetic:membership:v1 is recorded as synthetic/)]],
    [
      "chapters-bad-licence.csv",
      [
        problem("chapters-bad-licence.csv", 2, "source_licence_id", /must be an SPDX licence identifier such as "CC-BY-4.0" or "CC0-1.0" \(https:\/\/spdx.org\/licenses\/\), not "CC-BY-4"/),
        problem("chapters-bad-licence.csv", 3, "source_licence_id", /^must be spelt as the SPDX licence list spells it: "CC0-1.0", not "cc0-1.0"$/),
      ],
    ],
    ["membership-licence-twice.csv", [problem("membership-licence-twice.csv", 2, "source_licence", /is the old single licence column: give source_licence_id and source_licence_note instead/)]],
    ["facts-new-source-without-licence.csv", [problem("facts-new-source-without-licence.csv", 2, "source_licence_id", /must be given, or source_licence_note: the source https:\/\/example.org\/fixtures\/future-facts is not recorded yet/)]],
  ];

  it.each(cases)("%s", async (file, expected) => {
    const before = await fingerprint(db.dataSource);
    const outcome = await importFile(db.dataSource, fixture(file));
    expect(problemsOf(outcome)).toEqual(expected);
    expect(await fingerprint(db.dataSource)).toEqual(before);
  });

  it("lists every problem of the file up to the cap, and counts the rest", async () => {
    const rows = Array.from({ length: 150 }, (_, i) => `kenya,2030-01-${String((i % 28) + 1).padStart(2, "0")},-${i + 1},0,urn:isoc-open-data:synthetic:membership:v1`);
    const file = path.join(dir, "membership-many-errors.csv");
    fs.writeFileSync(file, `chapter_slug,taken_on,individual_members,organization_members,source_url\n${rows.join("\n")}\n`);
    const outcome = await importFile(db.dataSource, file);
    expect(outcome).toMatchObject({ ok: false, totalProblems: 150 });
    expect(problemsOf(outcome)).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(problemsOf(outcome)[99]).toEqual(problem("membership-many-errors.csv", 101, "individual_members", /got -100/));
  });

  it("refuses a file whose name does not say its table, unless --table does", async () => {
    const file = path.join(dir, "export-2026.csv");
    fs.copyFileSync(fixture("membership.csv"), file);
    expect(problemsOf(await importFile(db.dataSource, file))).toEqual([problem("export-2026.csv", null, null, /cannot tell which table.*give --table/)]);
    expect(problemsOf(await importFile(db.dataSource, file, { table: "members" }))).toEqual([problem("export-2026.csv", null, null, /no table "members"/)]);
    expect(summaryOf(await importFile(db.dataSource, file, { table: "membership", dryRun: true })).rows).toBe(3);
  });
});

describe("a good file", () => {
  it("dry run: reports what would be inserted, updated and left unchanged, and writes nothing", async () => {
    const before = await fingerprint(db.dataSource);
    const summary = summaryOf(await importFile(db.dataSource, fixture("chapters.csv"), { dryRun: true }));
    expect(summary).toEqual({ file: "chapters.csv", table: "chapters", dryRun: true, rows: 3, inserted: 1, updated: 1, unchanged: 1, created: { source: 1 } });
    expect(await fingerprint(db.dataSource)).toEqual(before);
  });

  it("imports as the dry run said, by natural key, creating the source it cites", async () => {
    const progress: number[] = [];
    const summary = summaryOf(await importFile(db.dataSource, fixture("chapters.csv"), { onProgress: (written, total) => progress.push(written, total) }));
    expect(summary).toMatchObject({ dryRun: false, rows: 3, inserted: 1, updated: 1, unchanged: 1, created: { source: 1 } });
    expect(progress).toEqual([3, 3]);
    const [atlantis] = await db.dataSource.query(
      `SELECT c.name, c.kind, c.status, c.country_code, r.slug AS region, c.founded_on::text, c.website, s.url, s.licence_id, s.licence_note, s.synthetic, s.note
         FROM chapter c JOIN region r ON r.id = c.region_id JOIN source s ON s.id = c.source_id WHERE c.slug = 'atlantis'`,
    );
    expect(atlantis).toEqual({
      name: "Atlantis Chapter", kind: "chapter", status: "active", country_code: "PT", region: "europe", founded_on: "2024-03-01",
      website: "https://atlantis.example.org", url: "https://example.org/fixtures/atlantis", licence_id: "CC0-1.0", licence_note: null, synthetic: false,
      note: "Recorded by importing chapters.csv.",
    });
    const [kenya] = await db.dataSource.query(`SELECT evidence_note FROM chapter WHERE slug = 'kenya'`);
    expect(kenya.evidence_note).toBe("Revised by the import tests");
  });

  it("reads the old single source_licence column as the migration split it: an exact SPDX identifier, or else a note", async () => {
    const file = path.join(dir, "chapters.csv");
    fs.writeFileSync(file, [
      "slug,name,kind,status,country_code,region_slug,source_url,source_licence",
      "lyonesse,Lyonesse Chapter,chapter,active,GB,europe,https://example.org/fixtures/lyonesse,CC-BY-SA-4.0",
      "ys,Ys Chapter,chapter,active,FR,europe,https://example.org/fixtures/ys,CC BY-SA 4.0 (see the page)",
    ].join("\n"));
    expect(summaryOf(await importFile(db.dataSource, file))).toMatchObject({ inserted: 2, created: { source: 2 } });
    const sources = await db.dataSource.query(`SELECT url, licence_id, licence_note FROM source WHERE url LIKE 'https://example.org/fixtures/%' AND url ~ '(lyonesse|ys)$' ORDER BY url`);
    expect(sources).toEqual([
      { url: "https://example.org/fixtures/lyonesse", licence_id: "CC-BY-SA-4.0", licence_note: null },
      { url: "https://example.org/fixtures/ys", licence_id: null, licence_note: "CC BY-SA 4.0 (see the page)" },
    ]);
  });

  it("changes nothing when imported a second time", async () => {
    const before = await fingerprint(db.dataSource);
    expect(summaryOf(await importFile(db.dataSource, fixture("chapters.csv")))).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, created: {} });
    expect(await fingerprint(db.dataSource)).toEqual(before);
  });

  it("upserts snapshots by chapter and date, and a second import changes nothing", async () => {
    expect(summaryOf(await importFile(db.dataSource, fixture("membership.csv")))).toMatchObject({ inserted: 1, updated: 1, unchanged: 1 });
    const rows = await db.dataSource.query(
      `SELECT m.taken_on::text AS date, m.individual_members AS i FROM membership_snapshot m JOIN chapter c ON c.id = m.chapter_id
        WHERE c.slug = 'kenya' AND m.taken_on >= '2025-12-01' ORDER BY m.taken_on`,
    );
    expect(rows).toEqual([{ date: "2025-12-01", i: 500 }, { date: "2026-01-01", i: 510 }]);
    const before = await fingerprint(db.dataSource);
    expect(summaryOf(await importFile(db.dataSource, fixture("membership.csv")))).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    expect(await fingerprint(db.dataSource)).toEqual(before);
  });
});
