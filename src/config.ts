/**
 * Every environment variable the server reads, parsed and typed in one place.
 *
 * Why one module: a misspelt or malformed variable should stop the process at
 * start with a message naming it, not surface as a strange failure later.
 */
import path from "node:path";
import type { Role } from "./auth/caller";
import { DEFAULT_BUDGET_WINDOW_SECONDS, DEFAULT_BUDGETS } from "./rate-limit/budgets";

/** The project's root folder (where package.json lives), for default data paths. */
export const PROJECT_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../.." : "..");

export interface Config {
  /** TCP port of the HTTP server. */
  port: number;
  /** Interface the HTTP server binds to. */
  host: string;
  /** PostgreSQL connection string; when absent the server runs an embedded PostgreSQL. */
  databaseUrl: string | undefined;
  /** Streaming replicas of DATABASE_URL that serve plain reads (empty: everything on DATABASE_URL). */
  databaseReplicaUrls: string[];
  /** Data folder of the embedded PostgreSQL (kept between runs, ignored by git). */
  embeddedDataDir: string;
  /** Port of the embedded PostgreSQL. */
  embeddedPort: number;
  /** Maximum number of connections in the PostgreSQL pool. */
  poolSize: number;
  /** Redis connection string; when set, /readyz checks Redis too. */
  redisUrl: string | undefined;
  /** Prefix of every Redis key the server writes, so deployments (or test runs) can share one Redis. */
  redisPrefix: string;
  /** Server processes on this machine (node:cluster); 1 runs no cluster. */
  workers: number;
  /** How long to wait for a database connection before answering SERVICE_UNAVAILABLE. */
  dbConnectTimeoutMs: number;
  /** The longest a single SQL statement may run (PostgreSQL statement_timeout). */
  dbStatementTimeoutMs: number;
  /** How long a stop waits for requests in flight before closing their connections. */
  shutdownTimeoutMs: number;
  /** Whether whole responses are cached (on unless RESPONSE_CACHE=off; the benchmark measures execution with it off). */
  responseCache: boolean;
  /**
   * Whether operations run compiled (graphql-jit, src/graphql/executor.ts; the default) or by graphql-js
   * alone (EXECUTION=graphql-js): a way back without a release should a compiled answer ever be wrong.
   */
  compiledExecution: boolean;
  /** pino log level. */
  logLevel: string;
  /** Points per budget window, by role (src/rate-limit/budgets.ts). */
  budgets: Record<Role, number>;
  /** Length of a budget window, in seconds. */
  budgetWindowSeconds: number;
  /**
   * Express's "trust proxy": which proxies in front may say who the client is
   * in X-Forwarded-For. Off unless TRUST_PROXY is set (a hop count, or
   * addresses/subnets such as "loopback, 10.0.0.0/8"): a client that could
   * set its own address could spend other clients' budgets, or none of its own.
   */
  trustProxy: boolean | number | string;
  /** Where data releases are written and served from (src/release/store.ts). */
  releasesDir: string;
  /** The address the API is published at (PUBLIC_URL, e.g. https://data.example.org), for absolute links in citations; root-relative links when unset. */
  publicUrl: string | undefined;
}

function integer(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`Environment variable ${name} must be an integer from ${min} to ${max}; got "${raw}".`);
  }
  return value;
}

/** TRUST_PROXY as Express takes it: unset or "false" trusts no proxy; a number is a hop count; anything else lists addresses or subnets. */
function trustProxy(raw: string | undefined): boolean | number | string {
  if (!raw || raw === "false") return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (raw === "true") {
    throw new Error('TRUST_PROXY=true would believe any X-Forwarded-For; give the number of proxies in front (1) or their addresses ("loopback, 10.0.0.0/8").');
  }
  return raw;
}

function execution(raw: string | undefined): boolean {
  if (!raw || raw === "compiled") return true;
  if (raw === "graphql-js") return false;
  throw new Error(`EXECUTION must be "compiled" or "graphql-js"; got "${raw}".`);
}

const POSTGRES_URL = /^postgres(ql)?:\/\//;

/** Reads the configuration from the process environment. */
export function loadConfig(): Config {
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !POSTGRES_URL.test(databaseUrl)) {
    throw new Error(`DATABASE_URL must be a postgres:// or postgresql:// URL; got "${databaseUrl}".`);
  }
  const databaseReplicaUrls = (process.env.DATABASE_REPLICA_URLS ?? "").split(",").map((url) => url.trim()).filter(Boolean);
  for (const url of databaseReplicaUrls) {
    if (!POSTGRES_URL.test(url)) throw new Error(`DATABASE_REPLICA_URLS must be comma-separated postgres:// or postgresql:// URLs; got "${url}".`);
  }
  // Replicas copy a primary that someone else runs; the embedded engine has none.
  if (databaseReplicaUrls.length && !databaseUrl) throw new Error("DATABASE_REPLICA_URLS needs DATABASE_URL (the primary they replicate).");
  return {
    port: integer("PORT", 4000, 0, 65535),
    host: process.env.HOST?.trim() || "0.0.0.0",
    databaseUrl,
    databaseReplicaUrls,
    embeddedDataDir: path.resolve(PROJECT_ROOT, process.env.EMBEDDED_PG_DIR?.trim() || ".data/postgres"),
    embeddedPort: integer("EMBEDDED_PG_PORT", 54329, 1, 65535),
    poolSize: integer("DB_POOL_SIZE", 10, 1, 200),
    redisUrl: process.env.REDIS_URL?.trim() || undefined,
    redisPrefix: process.env.REDIS_PREFIX?.trim() || "isoc-api",
    workers: integer("WORKERS", 1, 1, 64),
    dbConnectTimeoutMs: integer("DB_CONNECT_TIMEOUT_MS", 2000, 100, 60000),
    dbStatementTimeoutMs: integer("DB_STATEMENT_TIMEOUT_MS", 10000, 100, 600000),
    shutdownTimeoutMs: integer("SHUTDOWN_TIMEOUT_MS", 10000, 0, 600000),
    responseCache: (process.env.RESPONSE_CACHE?.trim() || "on") !== "off",
    compiledExecution: execution(process.env.EXECUTION?.trim()),
    logLevel: process.env.LOG_LEVEL?.trim() || "info",
    budgets: {
      anonymous: integer("RATE_LIMIT_ANONYMOUS", DEFAULT_BUDGETS.anonymous, 1, 1e12),
      reader: integer("RATE_LIMIT_READER", DEFAULT_BUDGETS.reader, 1, 1e12),
      editor: integer("RATE_LIMIT_EDITOR", DEFAULT_BUDGETS.editor, 1, 1e12),
      admin: integer("RATE_LIMIT_ADMIN", DEFAULT_BUDGETS.admin, 1, 1e12),
    },
    budgetWindowSeconds: integer("RATE_LIMIT_WINDOW_SECONDS", DEFAULT_BUDGET_WINDOW_SECONDS, 1, 86400 * 31),
    trustProxy: trustProxy(process.env.TRUST_PROXY?.trim()),
    releasesDir: path.resolve(PROJECT_ROOT, process.env.RELEASES_DIR?.trim() || ".data/releases"),
    publicUrl: process.env.PUBLIC_URL?.trim().replace(/\/+$/, "") || undefined,
  };
}
