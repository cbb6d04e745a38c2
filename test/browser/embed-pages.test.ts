/**
 * The embed's two pages in Chromium: /embed/chapters inside a partner's
 * iframe, and /embed, whose live preview follows its settings form and whose
 * documentation covers every attribute and custom property the element has.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Frame, Page } from "playwright-core";
import { PROJECT_ROOT } from "../../src/config";
import { openHarness, type Harness } from "../support/harness";
import { launchChromium, saveScreenshot, watchOffLoopbackRequests, watchPageErrors } from "./support/chromium";
import { serveApi, servePartnerSite, type PartnerSite, type Served } from "./support/servers";

let browser: Browser;
let h: Harness;
let api: Served;
let partner: PartnerSite;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchChromium();
  h = await openHarness();
  api = await serveApi(h);
  partner = await servePartnerSite();
}, 60_000);

beforeEach(async () => {
  context = await browser.newContext();
});

afterEach(() => context.close());

afterAll(async () => {
  await browser?.close();
  await partner?.stop();
  await api?.stop();
  await h?.close();
});

async function slugsOf(filter: Record<string, string>, first: number): Promise<string[]> {
  const result = await h.run(`query($first: Int!, $filter: ChapterFilter) { chapters(first: $first, filter: $filter) { nodes { slug } } }`, { first, filter });
  expect(result.errors).toBeUndefined();
  return result.data!.chapters.nodes.map((chapter: { slug: string }) => chapter.slug);
}

/** Waits for the element in `frame` to finish loading, and returns the slugs it lists. */
async function listedSlugs(frame: Page | Frame): Promise<string[]> {
  await frame.waitForFunction(() => {
    const root = document.querySelector("isoc-chapters")?.shadowRoot;
    return !!root?.querySelector("section") && !root.querySelector("[aria-busy]");
  });
  return frame.locator("isoc-chapters li").evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.slug!));
}

describe("/embed/chapters in a partner's iframe", () => {
  it("lists the chapters its query string asks for, in that language, within its Content-Security-Policy", async () => {
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    const offLoopback = watchOffLoopbackRequests(page);
    await page.goto(partner.page(`<iframe src="${api.base}/embed/chapters?region=latin-america-caribbean&lang=es&limit=4" title="Capítulos" style="width: 100%; height: 40rem; border: 0"></iframe>`));
    const frame = page.frames().find((candidate) => candidate.url().startsWith(`${api.base}/embed/chapters`))!;
    expect(await listedSlugs(frame)).toEqual(await slugsOf({ region: "latin-america-caribbean" }, 4));
    expect(await frame.locator("isoc-chapters h2").textContent()).toBe("Capítulos y grupos de interés especial de Internet Society");
    expect(await frame.evaluate(() => document.documentElement.lang)).toBe("es");
    // The same type as the preview on /embed (not the browser's default serif).
    const preview = await context.newPage();
    await preview.goto(`${api.base}/embed`);
    const fontOf = (target: Page | Frame) => target.locator("isoc-chapters").evaluate((element) => getComputedStyle(element).fontFamily);
    expect(await fontOf(frame)).toBe(await fontOf(preview));
    expect(await fontOf(frame)).not.toMatch(/^(serif|"?Times)/);
    expect(errors).toEqual([]);
    expect(offLoopback).toEqual([]);
    await saveScreenshot(page, "embed-iframe");
  });
});

describe("/embed, the documentation", () => {
  async function openDocs(): Promise<{ page: Page; errors: string[] }> {
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.goto(`${api.base}/embed`);
    return { page, errors };
  }

  it("shows a live preview of the snippet it offers, with this server's origin", async () => {
    const { page, errors } = await openDocs();
    expect(await listedSlugs(page)).toEqual(await slugsOf({ region: "africa", kind: "CHAPTER" }, 20));
    expect(await page.locator("isoc-chapters h2").textContent()).toBe("Chapitres de l’Internet Society");
    expect(await page.locator("#element-snippet").textContent()).toBe(
      `<script type="module" src="${api.base}/embed.js"></script>\n<isoc-chapters region="africa" kind="chapter" limit="20" lang="fr"></isoc-chapters>`,
    );
    expect(await page.locator("#iframe-snippet").textContent()).toContain(`src="${api.base}/embed/chapters?region=africa&kind=chapter&limit=20&lang=fr"`);
    expect(errors).toEqual([]);
    await saveScreenshot(page, "embed-docs");
  });

  it("updates the preview and the snippets as the settings change, with the API's regions to choose from", async () => {
    const { page } = await openDocs();
    await listedSlugs(page);
    const regions = await h.run(`{ regions { slug } }`);
    const choices = regions.data!.regions.map((region: { slug: string }) => region.slug);
    await page.waitForFunction((count) => document.querySelectorAll("select[name=region] option").length === count, choices.length + 1);
    expect(await page.locator("select[name=region] option").evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value))).toEqual(["", ...choices]);

    await page.selectOption("select[name=region]", "europe");
    await page.selectOption("select[name=lang]", "es");
    await page.fill("input[name=limit]", "6");
    expect(await listedSlugs(page)).toEqual(await slugsOf({ region: "europe", kind: "CHAPTER" }, 6));
    expect(await page.locator("isoc-chapters h2").textContent()).toBe("Capítulos de Internet Society");
    expect(await page.locator("#element-snippet").textContent()).toContain(`<isoc-chapters region="europe" kind="chapter" limit="6" lang="es"></isoc-chapters>`);
  });

  it("documents every attribute the element observes and every custom property it reads", async () => {
    const { page } = await openDocs();
    await listedSlugs(page);
    const documented = await page.locator("main").textContent();
    const attributes = await page.evaluate(() => (customElements.get("isoc-chapters") as unknown as { observedAttributes: string[] }).observedAttributes);
    expect(attributes.length).toBeGreaterThan(0);
    for (const attribute of attributes) expect(await page.locator("table th code", { hasText: new RegExp(`^${attribute}$`) }).count()).toBe(1);
    const properties = new Set(fs.readFileSync(path.join(PROJECT_ROOT, "src/http/embed/embed.js"), "utf8").match(/--isoc-[a-z-]+/g));
    expect(properties.size).toBeGreaterThan(5);
    for (const property of properties) expect(documented).toContain(property);
  });
});
