/** Runs one of the project's command-line programs (src/cli/*.ts, through ts-node with swc) to its end. */
import { spawn } from "node:child_process";
import path from "node:path";
import { PROJECT_ROOT } from "../../src/config";

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `script` is the CLI's file name in src/cli ("import.ts"); `databaseUrl` becomes its DATABASE_URL. */
export function runCli(script: string, args: string[], databaseUrl: string): Promise<CliRun> {
  const child = spawn(process.execPath, ["-r", "ts-node/register", path.join(PROJECT_ROOT, "src/cli", script), ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, TS_NODE_SWC: "true", DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}
