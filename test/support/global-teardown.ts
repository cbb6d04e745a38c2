import { dropDatabase } from "../../src/db/admin";

export default async function globalTeardown(): Promise<void> {
  const db = globalThis.__TEST_DB__;
  if (!db) return;
  await dropDatabase(db.serverUrl, db.name);
  await db.embedded?.stop();
}
