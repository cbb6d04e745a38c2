/**
 * What most tests need: the seeded test database, and a way to run a GraphQL
 * operation in-process, through the real Apollo server, counting the SQL
 * statements it sends.
 */
import type { AddressInfo } from "node:net";
import type { ApolloServer } from "@apollo/server";
import type { DataSource } from "typeorm";
import { dropDatabase, ensureDatabase, withDatabase } from "../../src/db/admin";
import { createDataSource } from "../../src/db/data-source";
import { SqlClient } from "../../src/db/sql";
import { createContext, type Context } from "../../src/graphql/context";
import { createApolloServer } from "../../src/graphql/server";
import { Budgets } from "../../src/rate-limit/budgets";
import { seedDatabase } from "../../src/seed/seed";
import { startHttpServer, type AppDeps, type HttpServer, type ListenOptions } from "../../src/http/app";

export interface GraphQLResult<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  /** SQL statements the operation sent. */
  statements: number;
  /** The answer's extensions (the cost and budget, `rateLimit`). */
  extensions?: Record<string, any>;
}

export interface Harness {
  dataSource: DataSource;
  /** The database's connection string. */
  url: string;
  sql: SqlClient;
  /** Runs an operation and returns its result; `errors` is absent on success. */
  run<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>>;
  close(): Promise<void>;
}

/**
 * Budgets no test file runs out of (the budget tests make their own, small
 * ones): every in-process caller is one anonymous client, and a suite sends
 * far more than a real client would in an hour.
 */
export function testBudgets(): Budgets {
  return new Budgets({ points: { anonymous: 1e9, reader: 1e9, editor: 1e9, admin: 1e9 }, windowSeconds: 3600 });
}

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is unset: run the tests with `npm test` (jest's globalSetup creates it).");
  return url;
}

/**
 * A harness over the shared, seeded test database; with `scratch`, over a
 * database of its own (migrated, seeded, dropped on close) for tests that
 * write: the shared one must stay exactly as seeded for the tests running beside them.
 */
export async function openHarness(options: { scratch?: boolean } = {}): Promise<Harness> {
  let url = testDatabaseUrl();
  let scratchName: string | undefined;
  if (options.scratch) {
    const serverUrl = process.env.TEST_SERVER_URL!;
    scratchName = `isoc_scratch_${process.pid}_${Date.now()}`;
    await ensureDatabase(serverUrl, scratchName);
    url = withDatabase(serverUrl, scratchName);
  }
  const dataSource = createDataSource(url, { size: 4 });
  await dataSource.initialize();
  if (scratchName) {
    await dataSource.runMigrations({ transaction: "each" });
    await seedDatabase(dataSource);
  }
  const sql = SqlClient.fromDataSource(dataSource);
  const apollo: ApolloServer<Context> = createApolloServer([], { budgets: testBudgets() });
  await apollo.start();
  return {
    dataSource,
    sql,
    async run(query, variables) {
      const counter = { statements: 0 };
      const result = await apollo.executeOperation({ query, variables }, { contextValue: createContext({ sql: sql.counting(counter), dataSource }) });
      const { statements } = counter;
      if (result.body.kind !== "single") throw new Error("expected a single result");
      const { data, errors, extensions } = result.body.singleResult;
      return { data: data as any, ...(errors ? { errors: errors as GraphQLResult["errors"] } : {}), statements, extensions };
    },
    url,
    async close() {
      await apollo.stop();
      await dataSource.destroy();
      if (scratchName) await dropDatabase(process.env.TEST_SERVER_URL!, scratchName);
    },
  };
}

/** The real HTTP app over a harness's database, on a free loopback port; `deps` adds Redis, a shared cache, the data version. */
export async function serveHttp(
  h: Pick<Harness, "sql" | "dataSource">,
  deps: Partial<AppDeps> = {},
  listen: Partial<ListenOptions> = {},
): Promise<{ base: string; server: HttpServer }> {
  const server = await startHttpServer({ sql: h.sql, dataSource: h.dataSource, budgets: testBudgets(), ...deps }, { port: 0, host: "127.0.0.1", shutdownTimeoutMs: 1000, ...listen });
  return { base: `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`, server };
}

/** Runs an operation that must succeed (no errors); returns its data and the statements it sent. */
export async function runOk(h: Harness, query: string, variables?: Record<string, unknown>): Promise<{ data: Record<string, any>; statements: number }> {
  const result = await h.run(query, variables);
  expect(result.errors).toBeUndefined();
  return { data: result.data!, statements: result.statements };
}
