/**
 * Migrations are the reviewed SQL of the schema: they must match the entities
 * and be reversible.
 */
import { dropDatabase, ensureDatabase, withDatabase } from "../../src/db/admin";
import { createDataSource } from "../../src/db/data-source";
import { MIGRATIONS } from "../../migrations";

const serverUrl = () => {
  const url = process.env.TEST_SERVER_URL;
  if (!url) throw new Error("TEST_SERVER_URL is unset: run with `npm test`.");
  return url;
};
const name = `isoc_migrations_${process.pid}`;

afterAll(() => dropDatabase(serverUrl(), name));

describe("migrations", () => {
  it("apply on an empty database, leave nothing for the entities to change, and undo to nothing", async () => {
    await dropDatabase(serverUrl(), name);
    await ensureDatabase(serverUrl(), name);
    const dataSource = createDataSource(withDatabase(serverUrl(), name), { size: 2 });
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: "each" });
      expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name));

      // What `typeorm migration:generate` would write: nothing, when entities and migrations agree.
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);

      for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: "each" });
      const tables: { tablename: string }[] = await dataSource.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
      expect(tables.map((t) => t.tablename)).toEqual(["typeorm_migrations"]);

      await dataSource.runMigrations({ transaction: "each" });
      expect(await dataSource.showMigrations()).toBe(false);
    } finally {
      await dataSource.destroy();
    }
  });

  it("split each source's licence: an exact SPDX identifier into licence_id, any other text into licence_note; and put it back on undo", async () => {
    await dropDatabase(serverUrl(), name);
    await ensureDatabase(serverUrl(), name);
    const dataSource = createDataSource(withDatabase(serverUrl(), name), { size: 2 });
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: "each" });
      await dataSource.undoLastMigration({ transaction: "each" });
      const licences = ["CC0-1.0", "CC-BY-4.0", "CC BY 4.0", "cc0-1.0", "© Internet Society; quoted verbatim for reference"];
      await dataSource.query(`INSERT INTO source (url, licence) SELECT 'https://example.org/' || i, l FROM unnest($1::text[]) WITH ORDINALITY AS t(l, i)`, [licences]);

      await dataSource.runMigrations({ transaction: "each" });
      const split = await dataSource.query(`SELECT licence_id, licence_note FROM source ORDER BY id`);
      expect(split).toEqual([
        { licence_id: "CC0-1.0", licence_note: null },
        { licence_id: "CC-BY-4.0", licence_note: null },
        { licence_id: null, licence_note: "CC BY 4.0" },
        { licence_id: null, licence_note: "cc0-1.0" },
        { licence_id: null, licence_note: licences[4] },
      ]);
      await expect(dataSource.query(`INSERT INTO source (url) VALUES ('https://example.org/no-licence')`)).rejects.toThrow(/source_licence_check/);

      await dataSource.undoLastMigration({ transaction: "each" });
      expect((await dataSource.query(`SELECT licence FROM source ORDER BY id`)).map((row: { licence: string }) => row.licence)).toEqual(licences);
    } finally {
      await dataSource.destroy();
    }
  });
});
