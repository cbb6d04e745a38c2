/**
 * Several server processes over one PostgreSQL database and one Redis, as a
 * scaled-out deployment runs them: what one instance shares with another can
 * only travel through PostgreSQL and Redis, never through memory.
 *
 * The run's global setup provides the Redis (./redis.ts): TEST_REDIS_URL.
 */
import { randomUUID } from "node:crypto";
import { createClient } from "@keyv/redis";
import { startServerProcess, type ServerProcess } from "./server-process";

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL!;

export interface Instances {
  servers: ServerProcess[];
  /** The REDIS_PREFIX they share: unique per call, so parallel runs never see each other's keys. */
  redisPrefix: string;
  /** Stops every server (SIGTERM, waiting for each to exit) and deletes their Redis keys. */
  stop(): Promise<void>;
}

async function connectRedis() {
  const redis = createClient({ url: TEST_REDIS_URL, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  redis.on("error", () => undefined);
  await redis.connect().catch((error: Error) => {
    throw new Error(`Redis at ${TEST_REDIS_URL} does not answer (${error.message}); test/support/global-setup.ts provides it.`);
  });
  return redis;
}

/** Starts `count` servers with `env` (DATABASE_URL at least) and one Redis key prefix, each on its own port. */
export async function startInstances(count: number, env: Record<string, string>): Promise<Instances> {
  const redis = await connectRedis();
  const redisPrefix = `isoc-api-test-${randomUUID()}`;
  const started = await Promise.allSettled(
    Array.from({ length: count }, () => startServerProcess({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: redisPrefix, ...env })),
  );
  const servers = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const stop = async () => {
    for (const server of servers) if (server.child.exitCode === null) server.child.kill("SIGTERM");
    await Promise.all(servers.map((server) => server.exited));
    for await (const keys of redis.scanIterator({ MATCH: `${redisPrefix}*` })) if (keys.length) await redis.del(keys);
    await redis.quit();
  };
  const failed = started.find((result) => result.status === "rejected");
  if (failed) {
    await stop();
    throw failed.reason;
  }
  return { servers, redisPrefix, stop };
}
