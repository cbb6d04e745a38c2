import "reflect-metadata";
import { DataSource } from "typeorm";
import { ENTITIES } from "../entities";
import { MIGRATIONS } from "../../migrations";
import { SnakeNamingStrategy } from "./naming-strategy";

export interface PoolOptions {
  /** Connections in the pool. */
  size?: number;
  /** Give up connecting after this long (so an outage fails requests fast instead of queueing them). */
  connectTimeoutMs?: number;
  /** PostgreSQL's statement_timeout for every connection. */
  statementTimeoutMs?: number;
}

/**
 * The TypeORM data source for `url`. Migrations are listed, not globbed, so a
 * missing file is a compile error rather than a silently empty migration run.
 *
 * With `replicaUrls`, TypeORM's replication opens one pool per replica beside
 * the primary's (`driver.slaves`, `driver.master`), each of `pool.size`. SqlClient
 * sends the API's plain reads to the replicas; TypeORM itself stays on the
 * primary (`defaultMode: "master"`): what goes through TypeORM is migrations,
 * the seed, imports and writes, which must read what they have just written.
 */
export function createDataSource(url: string, pool: PoolOptions = {}, replicaUrls: string[] = []): DataSource {
  return new DataSource({
    type: "postgres",
    ...(replicaUrls.length
      ? { replication: { master: { url }, slaves: replicaUrls.map((replica) => ({ url: replica })), defaultMode: "master" as const } }
      : { url }),
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: "typeorm_migrations",
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    logging: false,
    applicationName: "isoc-open-data-api",
    extra: {
      max: pool.size ?? 10,
      connectionTimeoutMillis: pool.connectTimeoutMs ?? 2000,
      statement_timeout: pool.statementTimeoutMs ?? 10000,
      // JIT compiles a plan's expressions once its cost estimate passes a threshold; the API's
      // aggregates sit near it, and compiling measured 0.1–1.5 s against ~1 s of execution.
      // Generic plans: the read path prepares each statement once per connection (src/db/sql.ts),
      // but PostgreSQL's default kept re-planning the planned reads for every execution (custom
      // plans: binding the detail's chapter statement took 1.2 ms of its 1.5); planned once, the
      // detail costs PostgreSQL 0.71 ms instead of 1.78, the listing 4.83 instead of 5.83, the
      // rest unchanged (bench/RESULTS.md).
      // random_page_cost 1.1 (default 4, a spinning disk's): the API's tables live in memory, and at
      // 4 PostgreSQL scanned the whole source table for each snapshot's synthetic flag rather than
      // read its primary key (the detail's statement: 0.93 → 0.43 ms).
      options: "-c jit=off -c plan_cache_mode=force_generic_plan -c random_page_cost=1.1",
    },
  });
}
