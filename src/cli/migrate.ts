/** `npm run db:migrate`: applies pending migrations (starting the embedded PostgreSQL when DATABASE_URL is unset). */
import { loadConfig } from "../config";
import { openDatabase } from "../db/database";
import { runCli } from "./run";

async function main(): Promise<void> {
  const database = await openDatabase(loadConfig());
  const applied = await database.dataSource.query(`SELECT name FROM typeorm_migrations ORDER BY id`);
  console.log(`Migrations applied: ${applied.map((row: { name: string }) => row.name).join(", ")}`);
  await database.close();
}

runCli(main);
