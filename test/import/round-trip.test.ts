/**
 * Export → import reproduces the data exactly: every importable table of the
 * seeded test database is exported (CSV, JSON and NDJSON in turn), imported
 * into a database where those tables are empty, and both databases answer the
 * same SELECTs, row for row, by natural key.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DataSource } from "typeorm";
import { createDataSource } from "../../src/db/data-source";
import { SqlClient } from "../../src/db/sql";
import { parseExportRequest } from "../../src/export/request";
import { streamExport } from "../../src/export/stream";
import { importFile } from "../../src/import/import";
import { IMPORT_KINDS } from "../../src/import/tables";
import { testDatabaseUrl } from "../support/harness";
import { createScratchDatabase, type ScratchDatabase } from "./scratch-database";

/** What each importable table holds, by natural key: ids and updated_at belong to the database, not the data. */
const SELECTS: Record<string, string> = {
  chapters: `SELECT c.slug, c.name, c.kind, c.status, c.country_code, r.slug AS region, c.founded_on, c.website, c.evidence_note, s.url AS source
               FROM chapter c LEFT JOIN region r ON r.id = c.region_id JOIN source s ON s.id = c.source_id ORDER BY c.slug`,
  membership: `SELECT c.slug, m.taken_on, m.individual_members, m.organization_members, s.url AS source
                 FROM membership_snapshot m JOIN chapter c ON c.id = m.chapter_id JOIN source s ON s.id = m.source_id ORDER BY c.slug, m.taken_on`,
  participation: `SELECT c.slug AS chapter, p.slug AS programme, pa.since, pa.since_precision, pa.evidence_note, s.url AS source
                    FROM participation pa JOIN chapter c ON c.id = pa.chapter_id JOIN programme p ON p.id = pa.programme_id
                    JOIN source s ON s.id = pa.source_id ORDER BY 1, 2`,
  awards: `SELECT a.slug, a.name, ar.year, ar.recipient, s.url AS source
             FROM award_recipient ar JOIN award a ON a.id = ar.award_id JOIN source s ON s.id = ar.source_id ORDER BY 1, 3, 4`,
  facts: `SELECT f.subject, f.figure, f.value, f.numeric_value, f.as_of, f.as_of_date, f.as_of_precision, f.headline, s.url AS source
            FROM fact f JOIN source s ON s.id = f.source_id ORDER BY 1, 2, 5, 9`,
};

let original: DataSource;
let target: ScratchDatabase;
let dir: string;

beforeAll(async () => {
  original = createDataSource(testDatabaseUrl(), { size: 2 });
  await original.initialize();
  target = await createScratchDatabase("isoc_round_trip");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "isoc-round-trip-"));
});
afterAll(async () => {
  await original.destroy();
  await target.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function selectAll(dataSource: DataSource): Promise<Record<string, unknown[]>> {
  return Object.fromEntries(await Promise.all(Object.entries(SELECTS).map(async ([table, text]) => [table, await dataSource.query(text)])));
}

/** Leaves regions, countries, programmes, sources and the organisation's texts: what the imported tables refer to. */
async function emptyImportedTables(): Promise<void> {
  await target.dataSource.query(`DELETE FROM membership_snapshot; DELETE FROM participation; DELETE FROM award_recipient; DELETE FROM award; DELETE FROM fact; DELETE FROM chapter;`);
}

describe.each(["csv", "json", "ndjson"])("export → import as %s", (format) => {
  it("reproduces every imported table exactly, in a database where they were empty", async () => {
    const files = await Promise.all(
      IMPORT_KINDS.map(async (table) => {
        const file = path.join(dir, `${table}.${format}`);
        await streamExport(SqlClient.fromDataSource(original), parseExportRequest(table, format, {}), fs.createWriteStream(file));
        return file;
      }),
    );
    await emptyImportedTables();
    const emptied = await selectAll(target.dataSource);
    expect(Object.values(emptied).every((rows) => rows.length === 0)).toBe(true);

    // In dependency order: snapshots and participation name their chapter.
    for (const file of files) {
      const outcome = await importFile(target.dataSource, file);
      expect(outcome).toMatchObject({ ok: true, summary: { updated: 0, unchanged: 0 } });
    }

    const expected = await selectAll(original);
    expect(expected.membership.length).toBeGreaterThan(10000);
    expect(await selectAll(target.dataSource)).toEqual(expected);
  });
});
