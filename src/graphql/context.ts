import { anonymousCaller, visibilityOf, type Caller } from "../auth/caller";
import type { DataSource } from "typeorm";
import type { SqlClient } from "../db/sql";
import type { RequestInfo } from "../observability/request-info";
import type { BudgetState, Charge } from "../rate-limit/budgets";
import type { Visibility } from "../repositories/visibility";
import { createLoaders, type LoaderOptions, type Loaders } from "./loaders";

/** What every resolver of one request shares: the SQL client, that request's own loaders, the caller, and what is logged about it. */
export interface Context {
  sql: SqlClient;
  /** TypeORM's data source: edits run in its transactions, on the primary. */
  dataSource: DataSource;
  loaders: Loaders;
  /** Who is calling (src/http/authenticate.ts); anonymous for operations executed in-process without one. */
  caller: Caller;
  /** What the caller may see (archived records or not), decided once from `caller`; every read applies it. */
  visibility: Visibility;
  /** The caller's budget after this operation was charged (src/graphql/budget-plugin.ts). */
  budget?: BudgetState;
  /** A charge already made for this request and refused, by the cached-answer path (src/http/cached-answers.ts): answered, not made twice. */
  refusedCharge?: Charge;
  /** The HTTP request's info; absent for operations executed in-process (tests). */
  request?: RequestInfo;
}

/** The context of one operation; with `request`, the statements it sends are counted in `request.statements`. */
export function createContext(
  db: { sql: SqlClient; dataSource: DataSource; loaderOptions?: LoaderOptions },
  options: { caller?: Caller; request?: RequestInfo } = {},
): Context {
  const { dataSource } = db;
  const sql = options.request ? db.sql.counting(options.request.statements) : db.sql;
  const caller = options.caller ?? anonymousCaller("in-process");
  const visibility = visibilityOf(caller);
  return { sql, dataSource, loaders: createLoaders(sql, visibility, db.loaderOptions), caller, visibility, request: options.request };
}
