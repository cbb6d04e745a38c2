import type { SqlClient } from "../db/sql";
import { createLoaders, type Loaders } from "./loaders";

/** What every resolver of one request shares: the SQL client and that request's own loaders. */
export interface Context {
  sql: SqlClient;
  loaders: Loaders;
}

export function createContext(sql: SqlClient): Context {
  return { sql, loaders: createLoaders(sql) };
}
