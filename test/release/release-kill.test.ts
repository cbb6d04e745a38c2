/**
 * A release killed mid-way (SIGKILL: no cleanup code runs) leaves nothing
 * listed or served: GET /releases is empty and the release's URLs answer 404.
 * The next release of the same name succeeds and removes what was left.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PROJECT_ROOT } from "../../src/config";
import { ReleaseStore } from "../../src/release/store";
import { runCli } from "../import/run-cli";
import { openHarness, serveHttp, testDatabaseUrl, type Harness } from "../support/harness";

let dir: string;
let h: Harness;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "isoc-release-kill-"));
  h = await openHarness();
});
afterAll(async () => {
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Waits until `test` holds, checking every few milliseconds. */
async function until(test: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const partialFiles = () =>
  fs
    .readdirSync(dir)
    .filter((entry) => entry.startsWith(".partial-"))
    .flatMap((entry) => fs.readdirSync(path.join(dir, entry)));

it("killed while writing its files, a release is neither listed nor served, and the next one is whole", async () => {
  const child = spawn(process.execPath, ["-r", "ts-node/register", path.join(PROJECT_ROOT, "src/cli/release.ts"), "--name", "killed"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, TS_NODE_SWC: "true", DATABASE_URL: testDatabaseUrl(), RELEASES_DIR: dir },
    stdio: "ignore",
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
  // Kill once the membership file (the largest, the second table) is being written: several tables are still to come.
  await until(() => fs.existsSync(dir) && partialFiles().includes("membership.csv"), 240_000);
  child.kill("SIGKILL");
  expect(await exited).toBe("SIGKILL");

  // Something was written (the kill came mid-release), but only in the hidden partial directory.
  expect(partialFiles()).toContain("chapters.csv");
  expect(partialFiles()).not.toContain("datapackage.json");
  expect(fs.existsSync(path.join(dir, "killed"))).toBe(false);
  expect(new ReleaseStore(dir).list()).toEqual([]);

  process.env.RELEASES_DIR = dir;
  const { base, server } = await serveHttp(h);
  try {
    expect(await (await fetch(`${base}/releases`)).json()).toEqual({ releases: [] });
    const missing = await fetch(`${base}/releases/killed/datapackage.json`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toMatch(/no release has been made yet/);
    const hidden = await fetch(`${base}/releases/${fs.readdirSync(dir)[0]}/chapters.csv`);
    expect(hidden.status).toBe(404);

    // The next release (same name) is made whole, and the stale partial directory is gone.
    const run = await runCli("release.ts", ["--name", "killed"], testDatabaseUrl());
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(fs.readdirSync(dir)).toEqual(["killed"]);
    const list = await (await fetch(`${base}/releases`)).json();
    expect(list.releases.map((r: { id: string }) => r.id)).toEqual(["killed"]);
  } finally {
    delete process.env.RELEASES_DIR;
    await server.stop();
  }
}, 400_000);
