/**
 * The Redis the suite runs against, set up by the run itself: REDIS_URL's (or
 * 127.0.0.1:6379) when it answers; otherwise a redis-server started here on a
 * free port, without persistence, and stopped when the run ends. With neither,
 * the run stops before its first test with one line naming what is missing.
 * Workers reach it through TEST_REDIS_URL.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import net from "node:net";
import { createClient } from "@keyv/redis";

const USUAL_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

export const REDIS_PREREQUISITE =
  "The test suite needs Redis: install redis-server (e.g. `apt-get install redis-server`; the run starts and stops its own) or set REDIS_URL to a running one.";

export interface TestRedis {
  url: string;
  /** The redis-server this run started, if it started one. */
  child?: ChildProcess;
}

async function answers(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.ping();
    await client.quit();
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function setUpRedis(): Promise<TestRedis> {
  if (await answers(USUAL_URL)) return { url: USUAL_URL };
  if (spawnSync("redis-server", ["--version"]).error) throw new Error(REDIS_PREREQUISITE);
  const port = await freePort();
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  const url = `redis://127.0.0.1:${port}`;
  for (let waited = 0; waited < 10_000; waited += 100) {
    if (child.exitCode !== null) break;
    if (await answers(url)) return { url, child };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`redis-server did not answer on port ${port} within 10 s. ${REDIS_PREREQUISITE}`);
}

export async function tearDownRedis(redis: TestRedis | undefined): Promise<void> {
  const child = redis?.child;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}
