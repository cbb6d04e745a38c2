import type { SqlClient } from "../db/sql";
import type { RequestInfo } from "../observability/request-info";
import { createLoaders, type Loaders } from "./loaders";

/** What every resolver of one request shares: the SQL client, that request's own loaders, and what is logged about it. */
export interface Context {
  sql: SqlClient;
  loaders: Loaders;
  /** The HTTP request's info; absent for operations executed in-process (tests). */
  request?: RequestInfo;
}

/** The context of one operation; with `request`, the statements it sends are counted in `request.statements`. */
export function createContext(sql: SqlClient, request?: RequestInfo): Context {
  const counted = request ? sql.counting(request.statements) : sql;
  return { sql: counted, loaders: createLoaders(counted), request };
}
