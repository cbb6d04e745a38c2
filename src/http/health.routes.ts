/**
 * Health for operators and orchestrators: /healthz says the process is up,
 * /readyz whether it can serve (PostgreSQL answers with every migration
 * applied, every read replica answers when configured, and Redis answers when
 * configured). A replica that is down fails a share of the reads, so it makes
 * the instance unready too.
 */
import { Router } from "express";
import type { DataSource } from "typeorm";
import type { SqlClient } from "../db/sql";

/** The smallest part of a Redis client a readiness check needs. */
export interface Pingable {
  ping(): Promise<string>;
}

export interface HealthDeps {
  sql: SqlClient;
  dataSource: DataSource;
  redis?: Pingable;
}

type Check = "ok" | "down" | "pending";

/** A check that has not answered within `ms` counts as down: a readiness probe must answer quickly. */
function within<T>(ms: number, work: Promise<T>, fallback: T): Promise<T> {
  return Promise.race([work.catch(() => fallback), new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ms).unref())]);
}

export function healthRoutes({ sql, dataSource, redis }: HealthDeps): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (_req, res) => {
    const [postgres, migrations, replicas, redisCheck] = await Promise.all([
      within<Check>(3000, sql.primary().ping().then((up) => (up ? "ok" : "down")), "down"),
      within<Check>(3000, dataSource.showMigrations().then((pending) => (pending ? "pending" : "ok")), "down"),
      sql.replicas().length ? within<Check>(3000, sql.ping().then((up) => (up ? "ok" : "down")), "down") : Promise.resolve(undefined),
      redis ? within<Check>(1000, redis.ping().then(() => "ok"), "down") : Promise.resolve(undefined),
    ]);
    const checks = { postgres, migrations, ...(replicas ? { replicas } : {}), ...(redisCheck ? { redis: redisCheck } : {}) };
    const ready = Object.values(checks).every((check) => check === "ok");
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "unavailable", checks });
  });
  return router;
}
