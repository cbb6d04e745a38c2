/**
 * Debian's Chromium driven by playwright-core: the browser the embed and the
 * explorer are tested in. A missing Chromium fails the tests with a message
 * saying how to install it, rather than skipping them and passing in silence.
 */
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { PROJECT_ROOT } from "../../../src/config";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = path.join(PROJECT_ROOT, "test-artifacts");

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests need it. Install it with \`apt-get update && apt-get install -y chromium\` (.ci/run does).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // No sandbox (CI runs as root), and nothing that would call out to Google on its own.
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
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
