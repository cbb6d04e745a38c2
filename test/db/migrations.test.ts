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
});
