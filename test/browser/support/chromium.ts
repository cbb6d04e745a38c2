/**
 * Chromium driven by playwright-core: the browser the embed and the explorer
 * are tested in. Debian's /usr/bin/chromium when it is installed; otherwise
 * the Chromium that ships inside the npm package @sparticuz/chromium (a
 * devDependency), so `npm ci && npm test` needs no browser of the system's.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { PROJECT_ROOT } from "../../../src/config";

const DEBIAN_CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = path.join(PROJECT_ROOT, "test-artifacts");

/**
 * Our own flags, not @sparticuz/chromium's `args`: those are for serverless
 * hosts and switch off web security (CORS, mixed content), which these tests
 * are about. No sandbox (CI runs as root), and nothing that would call out to
 * Google on its own.
 */
const ARGS = ["--no-sandbox", "--no-zygote", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Debian's Chromium, or the npm package's (unpacked to the temporary directory on first use). */
export async function chromiumPath(): Promise<string> {
  if (fs.existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  // Required, not imported: TypeScript reads the package's ES-module types, while its CommonJS build
  // (what a require loads) exports the class itself.
  const packaged = createRequire(__filename)("@sparticuz/chromium") as { executablePath(): Promise<string> };
  return packaged.executablePath();
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumPath(), headless: true, args: ARGS });
}

/** Saves a full-page screenshot as test-artifacts/{name}.png, for a person to look at after CI. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Every URL the page requests that is not on 127.0.0.1 (data: and blob: URLs stay in the page). */
export function watchOffLoopbackRequests(page: Page): string[] {
  const offLoopback: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol !== "data:" && url.protocol !== "blob:" && url.hostname !== "127.0.0.1") offLoopback.push(request.url());
  });
  return offLoopback;
}

/** Console errors and uncaught exceptions (a Content-Security-Policy violation is a console error). */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}
