/**
 * The real server as a child process (src/main.ts through ts-node with swc):
 * for what only a process shows — its exit code, its signals, its log lines.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { PROJECT_ROOT } from "../../src/config";

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  /** Every log line so far, parsed (the server logs JSON lines when not on a terminal). */
  logs: Record<string, any>[];
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** POSTs a GraphQL operation. */
  graphql(query: string, headers?: Record<string, string>): Promise<Response>;
}

let nextPort = 47000 + (process.pid % 1000) * 10;

/** Starts the server with `env` on a free-ish port and resolves when it serves. */
export async function startServerProcess(env: Record<string, string | undefined>): Promise<ServerProcess> {
  const port = nextPort++;
  const child = spawn(process.execPath, ["-r", "ts-node/register", path.join(PROJECT_ROOT, "src/main.ts")], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, TS_NODE_SWC: "true", PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: Record<string, any>[] = [];
  let buffered = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    buffered += chunk.toString("utf8");
    const lines = buffered.split("\n");
    buffered = lines.pop()!;
    for (const line of lines) if (line.trim()) logs.push(JSON.parse(line));
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 30_000;
  while (!logs.some((l) => String(l.msg).startsWith("serving GraphQL"))) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${stderr}\n${JSON.stringify(logs)}`);
    if (Date.now() > deadline) throw new Error(`server did not start: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    child,
    baseUrl,
    logs,
    exited,
    graphql: (query, headers = {}) =>
      fetch(`${baseUrl}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query }) }),
  };
}
