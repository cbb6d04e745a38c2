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

/** The line the server logs once it listens, with the port it got. */
const SERVING = /^serving GraphQL at http:\/\/localhost:(\d+)\/graphql$/;

/**
 * Starts the server with `env` and resolves when it serves. It binds port 0
 * (any free port, chosen by the system) and the port is read from its log:
 * ports picked by the test would collide between test files running at once.
 */
export async function startServerProcess(env: Record<string, string | undefined>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["-r", "ts-node/register", path.join(PROJECT_ROOT, "src/main.ts")], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, TS_NODE_SWC: "true", PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ...env },
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

  const deadline = Date.now() + 60_000;
  const servingLine = () => logs.map((l) => SERVING.exec(String(l.msg))).find(Boolean);
  while (!servingLine()) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${stderr}\n${JSON.stringify(logs)}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not start within 60 s: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const baseUrl = `http://127.0.0.1:${servingLine()![1]}`;
  return {
    child,
    baseUrl,
    logs,
    exited,
    graphql: (query, headers = {}) =>
      fetch(`${baseUrl}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query }) }),
  };
}
