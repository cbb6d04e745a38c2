import { dropDatabase } from "../../src/db/admin";
import { tearDownRedis } from "./redis";

export default async function globalTeardown(): Promise<void> {
  await tearDownRedis(globalThis.__TEST_REDIS__);
  const db = globalThis.__TEST_DB__;
  if (!db) return;
  await dropDatabase(db.serverUrl, db.name);
  await db.embedded?.stop();
}
