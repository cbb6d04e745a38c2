/**
 * `since` for incremental sync: an export lists only the rows changed after an
 * instant, compared to the microsecond, so the latest `updated_at` of one
 * export is the exact `since` of the next. Writes, so on a scratch database.
 */
import { parse as parseCsv } from "csv-parse/sync";
import { createScratchDatabase, type ScratchDatabase } from "../import/scratch-database";
import { startExportServer, type ExportServer } from "./export-server";

let db: ScratchDatabase;
let server: ExportServer;

beforeAll(async () => {
  db = await createScratchDatabase("isoc_export_since");
  server = await startExportServer(db.sql);
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

async function exportCsv(path: string): Promise<Record<string, string>[]> {
  const response = await fetch(`${server.baseUrl}${path}`);
  expect(response.status).toBe(200);
  return parseCsv(await response.text(), { columns: true });
}

/** Changes one chapter in a transaction of its own (updated_at = that transaction's start, as the seed's upsert sets it). */
async function touchChapter(slug: string): Promise<void> {
  await db.dataSource.query(`UPDATE chapter SET evidence_note = coalesce(evidence_note, '') || ' (revised)', updated_at = now() WHERE slug = $1`, [slug]);
}

describe("since", () => {
  it("returns only the rows updated after it, to the microsecond", async () => {
    const before = await exportCsv("/export/chapters.csv");
    const lastSync = before.map((row) => row.updated_at).sort().at(-1)!;
    expect(await exportCsv(`/export/chapters.csv?since=${encodeURIComponent(lastSync)}`)).toEqual([]);

    await touchChapter("kenya");
    await touchChapter("benin");
    const changed = await exportCsv(`/export/chapters.csv?since=${encodeURIComponent(lastSync)}`);
    expect(changed.map((row) => row.slug).sort()).toEqual(["benin", "kenya"]);
    expect(changed.every((row) => row.evidence_note.endsWith("(revised)"))).toBe(true);

    // Kenya's own updated_at as `since` leaves Kenya out (not after itself) and keeps Benin, changed a moment later.
    const kenya = changed.find((row) => row.slug === "kenya")!;
    expect((await exportCsv(`/export/chapters.csv?since=${encodeURIComponent(kenya.updated_at)}`)).map((row) => row.slug)).toEqual(["benin"]);
  });

  it("applies to every table's own updated_at (membership untouched above)", async () => {
    const since = (await exportCsv("/export/membership.csv")).map((row) => row.updated_at).sort().at(-1)!;
    expect(await exportCsv(`/export/membership.csv?since=${since}`)).toEqual([]);
    await db.dataSource.query(
      `UPDATE membership_snapshot SET individual_members = individual_members + 1, updated_at = now()
        WHERE chapter_id = (SELECT id FROM chapter WHERE slug = 'kenya') AND taken_on = '2025-12-01'`,
    );
    expect((await exportCsv(`/export/membership.csv?since=${since}`)).map((row) => [row.chapter_slug, row.taken_on])).toEqual([["kenya", "2025-12-01"]]);
  });
});
