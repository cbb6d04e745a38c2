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

/** The number of SQL statements sent on behalf of one unit of work (a GraphQL request, a test). */
export interface StatementCount {
  statements: number;
}

export class SqlClient {
  /**
   * @param names statement names by SQL text, shared by every view of one pool.
   * @param counter where this view counts the statements it sends, if anywhere.
   */
  constructor(
    private readonly pool: Pool,
    private readonly names = new Map<string, string>(),
    private readonly counter?: StatementCount,
  ) {}

  /** The client over the pg pool of an initialised TypeORM data source. */
  static fromDataSource(dataSource: DataSource): SqlClient {
    return new SqlClient((dataSource.driver as unknown as { master: Pool }).master);
  }

  /**
   * The same client, counting the statements it sends in `counter`. A GraphQL
   * request's context holds one, so counting costs an increment; counting
   * through AsyncLocalStorage made Node run a hook on every promise of every
   * request (a fifth of the listing's CPU per request, bench/RESULTS.md).
   */
  counting(counter: StatementCount): SqlClient {
    return new SqlClient(this.pool, this.names, counter);
  }

  /** Sends one prepared statement and returns its rows; an unreachable database throws DatabaseUnavailableError. */
  async rows<T extends QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
    if (this.counter) this.counter.statements += 1;
    try {
      const result = await this.pool.query<T>({ name: this.nameOf(text), text, values, types: TYPES });
      return result.rows;
    } catch (error) {
      throw isDatabaseUnavailable(error) ? new DatabaseUnavailableError(error) : error;
    }
  }

  /** Whether PostgreSQL answers a trivial statement (for readiness checks). */
  async ping(): Promise<boolean> {
    try {
      await this.pool.query("SELECT 1");
      return true;
    } catch {
      return false;
    }
  }

  /** The pool's connections: in use, idle, and requests waiting for one (for metrics). */
  poolStats(): { total: number; idle: number; waiting: number } {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }

  /**
   * Runs `work` on one connection of the pool, released afterwards: for what a
   * single statement cannot do (a cursor streamed over a long read, a transaction).
   */
  async withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect().catch((error: unknown) => {
      throw isDatabaseUnavailable(error) ? new DatabaseUnavailableError(error) : error;
    });
    try {
      return await work(client);
    } finally {
      client.release();
    }
  }

  /** The statement name of a SQL text: derived from the text, so the same text is the same prepared statement. */
  private nameOf(text: string): string {
    let name = this.names.get(text);
    if (!name) {
      name = `q_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
      this.names.set(text, name);
    }
    return name;
  }
}
