/**
 * The read path's access to PostgreSQL: plain rows, prepared statements.
 *
 * Why not the TypeORM repositories: entity hydration costs allocation and
 * garbage collection on hot paths, and TypeORM does not name its statements,
 * so PostgreSQL parses and plans every one again. Here each distinct SQL text
 * gets a stable statement name, which PostgreSQL prepares once per connection
 * (measured 1.2–2.6× faster; ../PERF-NOTES finding 3). Writes and migrations
 * stay on TypeORM.
 */
import { createHash } from "node:crypto";
import type { Pool, PoolClient, QueryResultRow } from "pg";
import { types as pgTypes } from "pg";
import type { DataSource } from "typeorm";
import { DatabaseUnavailableError, isDatabaseUnavailable } from "./errors";

const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * Type parsers for this client only: `date` stays the ISO string PostgreSQL
 * sends (a JS Date would shift it by the time zone), counts and numerics become
 * numbers (bigint counts of this data set are far below 2^53).
 */
const TYPES = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === DATE_OID) return (value: string) => value;
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pgTypes.getTypeParser(oid, format);
  },
};

/**
 * Plain reads go to the replicas of DATABASE_REPLICA_URLS (in turn), or to the
 * primary when there are none. A replica lags the primary by its replication
 * delay (usually milliseconds), which a public read can afford and a write
 * cannot. Hence one rule, for this class and its callers:
 *
 * - **Anything that writes, and anything that must read what it has just
 *   written, goes through `sql.primary()`**: a client bound to the primary for
 *   `rows()` and `withClient()` alike. A mutation runs its statements (and its
 *   transaction, `sql.primary().withClient(...)`) there, and resolves the
 *   payload it returns with loaders made on `sql.primary()`, so the answer
 *   shows the write. A write sent to a replica is refused by PostgreSQL ("cannot
 *   execute … in a read-only transaction"): the mistake fails loudly, but only
 *   where replicas are configured, so write paths must use `primary()` by design.
 * - Everything else (resolvers, loaders, exports) uses the client as given and
 *   so reads from a replica.
 *
 * Migrations, the seed and imports use TypeORM, which stays on the primary
 * (src/db/data-source.ts).
 */
/** The number of SQL statements sent on behalf of one unit of work (a GraphQL request, a test). */
export interface StatementCount {
  statements: number;
}

export class SqlClient {
  /** Where plain reads go: the replicas, or the primary when there are none. */
  private readonly readPools: Pool[];
  private turn = 0;
  private primaryClient: SqlClient | undefined;

  /** @param counter where this client counts the statements it sends, if anywhere. */
  constructor(
    private readonly primaryPool: Pool,
    private readonly replicaPools: Pool[] = [],
    private readonly counter?: StatementCount,
  ) {
    this.readPools = replicaPools.length ? replicaPools : [primaryPool];
  }

  /** The client over the pg pools of an initialised TypeORM data source (with replication: its primary and replicas). */
  static fromDataSource(dataSource: DataSource): SqlClient {
    const driver = dataSource.driver as unknown as { master: Pool; slaves: Pool[] };
    return new SqlClient(driver.master, driver.slaves);
  }

  /** A client bound to the primary: for writes, and for reads that must see them (see the class comment). */
  primary(): SqlClient {
    this.primaryClient ??= this.replicaPools.length ? new SqlClient(this.primaryPool, [], this.counter) : this;
    return this.primaryClient;
  }

  /** One client per replica, reading only from it (for readiness checks and replication catch-up); empty without replicas. */
  replicas(): SqlClient[] {
    return this.replicaPools.map((pool) => new SqlClient(pool));
  }

  /**
   * The same client, counting the statements it sends in `counter`. A GraphQL
   * request's context holds one, so counting costs an increment; counting
   * through AsyncLocalStorage made Node run a hook on every promise of every
   * request (a fifth of the listing's CPU per request, bench/RESULTS.md).
   */
  counting(counter: StatementCount): SqlClient {
    return new SqlClient(this.primaryPool, this.replicaPools, counter);
  }

  /** Sends one prepared statement and returns its rows; an unreachable database throws DatabaseUnavailableError. */
  async rows<T extends QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
    if (this.counter) this.counter.statements += 1;
    try {
      const result = await this.readPool().query<T>({ name: nameOf(text), text, values, types: TYPES });
      return result.rows;
    } catch (error) {
      throw isDatabaseUnavailable(error) ? new DatabaseUnavailableError(error) : error;
    }
  }

  /** Whether every database this client reads from answers a trivial statement (for readiness checks). */
  async ping(): Promise<boolean> {
    try {
      await Promise.all(this.readPools.map((pool) => pool.query("SELECT 1")));
      return true;
    } catch {
      return false;
    }
  }

  /** The connections of every pool (primary and replicas): in use, idle, and requests waiting for one (for metrics). */
  poolStats(): { total: number; idle: number; waiting: number } {
    const pools = [this.primaryPool, ...this.replicaPools];
    const sum = (count: (pool: Pool) => number) => pools.reduce((total, pool) => total + count(pool), 0);
    return { total: sum((pool) => pool.totalCount), idle: sum((pool) => pool.idleCount), waiting: sum((pool) => pool.waitingCount) };
  }

  /**
   * Runs `work` on one connection, released afterwards: for what a single
   * statement cannot do (a cursor streamed over a long read, a transaction).
   * The connection is a replica's, like `rows()`; a transaction that writes
   * runs on `primary().withClient(...)`.
   */
  async withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.readPool()
      .connect()
      .catch((error: unknown) => {
        throw isDatabaseUnavailable(error) ? new DatabaseUnavailableError(error) : error;
      });
    try {
      return await work(client);
    } finally {
      client.release();
    }
  }

  /** The next read pool in turn: replicas share the reads evenly. */
  private readPool(): Pool {
    return this.readPools[this.turn++ % this.readPools.length];
  }
}

const statementNames = new Map<string, string>();

/** The statement name of a SQL text: derived from the text, so the same text is the same prepared statement on every pool. */
function nameOf(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `q_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return name;
}
