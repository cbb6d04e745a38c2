/**
 * The TypeORM data source, for the TypeORM CLI (`typeorm-ts-node-commonjs -d ormconfig.ts`).
 * It connects to DATABASE_URL, or to the embedded PostgreSQL the app starts
 * (`npm start` or `npm run db:migrate` starts it when DATABASE_URL is unset).
 */
import { loadConfig } from "./src/config";
import { createDataSource } from "./src/db/data-source";
import { EMBEDDED_DATABASE_NAME } from "./src/db/database";
import { withDatabase } from "./src/db/admin";

const config = loadConfig();
export default createDataSource(
  config.databaseUrl ?? withDatabase(`postgres://postgres:postgres@127.0.0.1:${config.embeddedPort}/postgres`, EMBEDDED_DATABASE_NAME),
  { size: config.poolSize },
);
