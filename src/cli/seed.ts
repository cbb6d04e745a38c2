/** `npm run db:seed`: applies migrations, then writes seed-data/ (idempotent: a second run changes nothing). */
import { loadConfig } from "../config";
import { openDatabase } from "../db/database";
import { seedDatabase } from "../seed/seed";
import { runCli } from "./run";

async function main(): Promise<void> {
  const database = await openDatabase(loadConfig());
  try {
    const report = await seedDatabase(database.dataSource);
    const changed = Object.entries(report).filter(([, n]) => n > 0);
    console.log(changed.length ? `Seeded: ${changed.map(([t, n]) => `${t} ${n}`).join(", ")}` : "Seed data already up to date: nothing changed.");
  } finally {
    await database.close();
  }
}

runCli(main);
