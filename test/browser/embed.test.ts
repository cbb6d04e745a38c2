/**
 * <isoc-chapters> in Chromium, on a partner's page on another origin, with one
 * script tag and one element: it lists what the API answers for each
 * attribute, in English, French or Spanish; reloads when an attribute changes;
 * falls back to a link when the API fails; reads by cacheable GET without
 * credentials; and can be read and used with a keyboard in either colour scheme.
 *
 * The database is the test's own, because two chapters get a website (the
 * seed records none) so that the links can be tested.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { createScratchDatabase, type ScratchDatabase } from "../import/scratch-database";
import { launchChromium, saveScreenshot, watchOffLoopbackRequests } from "./support/chromium";
import { serveApi, servePartnerSite, type PartnerSite, type Served } from "./support/servers";

const WEBSITES: Record<string, string> = { benin: "https://benin.chapter.example/", burundi: "https://burundi.chapter.example/" };
/** A website the element must not turn into a link. */
const HOSTILE_WEBSITE = { slug: "burkina-faso", website: "javascript:alert(document.domain)" };

let browser: Browser;
let db: ScratchDatabase;
let api: Served;
let partner: PartnerSite;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  db = await createScratchDatabase("isoc_browser_embed");
  for (const [slug, website] of [...Object.entries(WEBSITES), [HOSTILE_WEBSITE.slug, HOSTILE_WEBSITE.website]]) {
    await db.dataSource.query(`UPDATE chapter SET website = $1 WHERE slug = $2`, [website, slug]);
  }
  api = await serveApi(db);
  partner = await servePartnerSite();
}, 120_000);

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

afterAll(async () => {
  await browser?.close();
  await partner?.stop();
  await api?.stop();
  await db?.drop();
});

/** The partner's markup: the one script tag and the one element, with these attributes. */
function snippet(attributes: Record<string, string>, apiBase = api.base): string {
  const written = Object.entries(attributes).map(([name, value]) => ` ${name}="${value}"`).join("");
  return `<script type="module" src="${apiBase}/embed.js"></script><isoc-chapters${written}></isoc-chapters>`;
}

async function open(url: string, options: Parameters<Browser["newContext"]>[0] = {}): Promise<Page> {
  const context = await browser.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** Waits for the element to finish loading, and returns the slugs it lists, in order. */
async function listedSlugs(page: Page): Promise<string[]> {
  await page.waitForFunction(() => {
    const root = document.querySelector("isoc-chapters")?.shadowRoot;
    return !!root?.querySelector("section") && !root.querySelector("[aria-busy]");
  });
  return page.locator("isoc-chapters li").evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.slug!));
}

const LISTING = `query($first: Int!, $filter: ChapterFilter) {
  chapters(first: $first, filter: $filter, orderBy: { field: NAME, direction: ASC }) {
    totalCount
    nodes { slug name country { code } membership { latest { individualMembers synthetic } } }
  }
}`;

/** The API's own answer, by GET like any client. */
async function apiListing(first: number, filter: Record<string, string>): Promise<{ totalCount: number; nodes: any[] }> {
  const variables = encodeURIComponent(JSON.stringify({ first, filter }));
  const { data } = await (await fetch(`${api.base}/graphql?query=${encodeURIComponent(LISTING)}&variables=${variables}`)).json();
  return data.chapters;
}

describe("on a partner's page on another origin", () => {
  it.each([
    [{ region: "africa", limit: "5" }, { region: "africa" }, 5],
    [{ kind: "sig" }, { kind: "SIG" }, 20],
    [{ region: "europe", status: "inactive" }, { region: "europe", status: "INACTIVE" }, 20],
    [{ country: "bj" }, { country: "BJ" }, 20],
    [{ kind: "chapter", limit: "100" }, { kind: "CHAPTER" }, 100],
    [{}, {}, 20],
  ])("with %j lists what the API lists for %j, first %d, by name", async (attributes, filter, first) => {
    const page = await open(partner.page(snippet(attributes)));
    const expected = await apiListing(first, filter);
    expect(expected.nodes.length).toBeGreaterThan(0);
    expect(await listedSlugs(page)).toEqual(expected.nodes.map((chapter) => chapter.slug));
    expect(await page.locator("isoc-chapters .summary").textContent()).toBe(`${expected.nodes.length} of ${expected.totalCount}`);
  });

  it("says so when nothing matches", async () => {
    const page = await open(partner.page(snippet({ status: "in-formation" })));
    expect(await listedSlugs(page)).toEqual([]);
    expect(await page.locator("isoc-chapters .summary").textContent()).toBe("None match these criteria.");
  });

  it("speaks French, with country names in French", async () => {
    const page = await open(partner.page(snippet({ region: "africa", kind: "chapter", lang: "fr", limit: "5" })));
    await listedSlugs(page);
    const { totalCount } = await apiListing(5, { region: "africa", kind: "CHAPTER" });
    const benin = page.locator('isoc-chapters li[data-slug="benin"]');
    expect(await page.locator("isoc-chapters h2").textContent()).toBe("Chapitres de l’Internet Society");
    expect(await page.locator("isoc-chapters .summary").textContent()).toBe(`5 sur ${totalCount}`);
    expect(await benin.locator(".country").textContent()).toBe("Bénin");
    expect(await benin.locator(".status").textContent()).toBe("Actif");
    expect(await benin.locator(".members").textContent()).toMatch(/^[\d\s\u202f]+ membres individuels \(.+\) synthétique$/);
    expect(await benin.locator("a").textContent()).toBe("Site web (Benin Chapter)");
    await saveScreenshot(page, "embed-partner-fr");
  });

  it("speaks Spanish when the page around it does", async () => {
    const page = await open(partner.page(`<div lang="es">${snippet({ region: "africa", limit: "5" })}</div>`));
    await listedSlugs(page);
    const { totalCount } = await apiListing(5, { region: "africa" });
    const benin = page.locator('isoc-chapters li[data-slug="benin"]');
    expect(await page.locator("isoc-chapters h2").textContent()).toBe("Capítulos y grupos de interés especial de Internet Society");
    expect(await page.locator("isoc-chapters .summary").textContent()).toBe(`5 de ${totalCount}`);
    expect(await benin.locator(".status").textContent()).toBe("Activo");
    expect(await benin.locator(".members").textContent()).toMatch(/ miembros individuales \(.+\) sintético$/);
    expect(await page.locator("isoc-chapters .note").textContent()).toMatch(/^sintético: cifras generadas/);
    expect(await page.locator("isoc-chapters a").last().textContent()).toBe(`Ver los ${totalCount}`);
  });

  it("shows each latest member count, marked synthetic in words where it is", async () => {
    const page = await open(partner.page(snippet({ region: "africa", limit: "10" })));
    await listedSlugs(page);
    const expected = await apiListing(10, { region: "africa" });
    const shown = expected.nodes.filter((chapter) => chapter.membership.latest);
    expect(shown.length).toBeGreaterThan(0);
    for (const chapter of shown) {
      const members = page.locator(`isoc-chapters li[data-slug="${chapter.slug}"] .members`);
      const { individualMembers, synthetic } = chapter.membership.latest;
      expect(await members.textContent()).toContain(`${individualMembers.toLocaleString("en")} individual members`);
      expect(await members.locator(".synthetic").count()).toBe(synthetic ? 1 : 0);
      if (synthetic) expect(await members.locator(".synthetic").isVisible()).toBe(true);
    }
    expect(await page.locator("isoc-chapters .note").textContent()).toBe("synthetic: counts generated for demonstration, not real membership figures.");
  });

  it("shows no member count where there is none", async () => {
    const page = await open(partner.page(snippet({ region: "europe", status: "inactive" })));
    const slugs = await listedSlugs(page);
    const expected = await apiListing(20, { region: "europe", status: "INACTIVE" });
    expect(expected.nodes.every((chapter) => chapter.membership.latest === null)).toBe(true);
    expect(slugs.length).toBe(expected.nodes.length);
    expect(await page.locator("isoc-chapters .members").count()).toBe(0);
    expect(await page.locator("isoc-chapters .status").first().textContent()).toBe("Inactive");
  });

  it("links each recorded http(s) website, and the keyboard reaches every link in order, with a visible focus ring", async () => {
    const page = await open(partner.page(snippet({ region: "africa", limit: "5" })));
    expect(await listedSlugs(page)).toContain(HOSTILE_WEBSITE.slug);
    const links = await page.locator("isoc-chapters a").evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
    expect(links).toEqual([WEBSITES.benin, WEBSITES.burundi, `${api.base}/embed/chapters?region=africa&lang=en&limit=100`]);
    const focused: string[] = [];
    for (let i = 0; i < links.length; i++) {
      await page.keyboard.press("Tab");
      focused.push(
        await page.evaluate(() => {
          const link = document.activeElement?.shadowRoot?.activeElement as HTMLAnchorElement;
          const style = getComputedStyle(link);
          return style.outlineStyle === "solid" && parseFloat(style.outlineWidth) >= 2 ? link.href : `${link.href} without a focus ring`;
        }),
      );
    }
    expect(focused).toEqual(links);
  });

  it("is a list of chapters under a heading, each headed by its name, for assistive technology", async () => {
    const page = await open(partner.page(snippet({ region: "africa", limit: "2" })));
    await listedSlugs(page);
    const tree = await page.locator("isoc-chapters").ariaSnapshot();
    expect(tree).toContain('heading "Internet Society chapters and special interest groups" [level=2]');
    expect(tree).toMatch(/- list:\n\s+- listitem:\n\s+- heading "Benin Chapter" \[level=3\]/);
    expect(tree).toContain('link "Website (Benin Chapter)"');
  });
});

describe("when its attributes change", () => {
  it("reloads with the new ones, in one request for several changed together", async () => {
    const page = await open(partner.page(snippet({ region: "africa", lang: "fr", limit: "5" })));
    await listedSlugs(page);
    const requests: string[] = [];
    page.on("request", (request) => {
      if (request.url().startsWith(`${api.base}/graphql`)) requests.push(request.url());
    });
    await page.evaluate(() => {
      const element = document.querySelector("isoc-chapters")!;
      element.setAttribute("region", "europe");
      element.setAttribute("limit", "7");
      element.setAttribute("lang", "es");
    });
    expect(await listedSlugs(page)).toEqual((await apiListing(7, { region: "europe" })).nodes.map((chapter) => chapter.slug));
    expect(await page.locator("isoc-chapters h2").textContent()).toBe("Capítulos y grupos de interés especial de Internet Society");
    expect(requests).toHaveLength(1);

    await page.evaluate(() => document.querySelector("isoc-chapters")!.removeAttribute("region"));
    expect(await listedSlugs(page)).toEqual((await apiListing(7, {})).nodes.map((chapter) => chapter.slug));
  });
});

describe("its requests", () => {
  it("are GETs to the API's origin only, without cookies, and set none", async () => {
    const page = await open("about:blank");
    const offLoopback = watchOffLoopbackRequests(page);
    const seen: Promise<{ method: string; url: string; cookie?: string }>[] = [];
    page.on("request", (request) => seen.push(request.allHeaders().then(({ cookie }) => ({ method: request.method(), url: request.url(), cookie }))));
    // A cookie the API's origin set earlier must not travel with the element's reads, even on the API's own page.
    await page.context().addCookies([{ name: "visitor", value: "1", url: api.base }]);
    await page.goto(`${api.base}/embed/chapters?region=africa&limit=3`);
    expect(await listedSlugs(page)).toHaveLength(3);
    const graphql = (await Promise.all(seen)).filter((request) => request.url.startsWith(`${api.base}/graphql?`));
    expect(graphql).toHaveLength(1);
    expect(graphql[0]).toMatchObject({ method: "GET", cookie: undefined });
    expect((await page.context().cookies()).map((cookie) => cookie.name)).toEqual(["visitor"]);
    expect(offLoopback).toEqual([]);
  });

  it("are answered from the browser's cache on a second visit", async () => {
    const page = await open("about:blank");
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    const urls = new Map<string, string>();
    const fromCache: string[] = [];
    cdp.on("Network.requestWillBeSent", ({ requestId, request }) => urls.set(requestId, request.url));
    // From the renderer's memory cache, or from the HTTP cache.
    cdp.on("Network.requestServedFromCache", ({ requestId }) => fromCache.push(urls.get(requestId)!));
    cdp.on("Network.responseReceived", ({ response }) => {
      if (response.fromDiskCache) fromCache.push(response.url);
    });
    const url = partner.page(snippet({ region: "asia-pacific", limit: "4" }));
    await page.goto(url);
    await listedSlugs(page);
    expect(fromCache).toEqual([]);
    await page.goto("about:blank");
    await page.goto(url);
    await listedSlugs(page);
    expect(fromCache.filter((cached) => cached.startsWith(`${api.base}/graphql?`))).toHaveLength(1);
  });
});

describe("when the API fails", () => {
  it.each([
    ["an unknown kind", { kind: "club", lang: "fr" }, /^Les réglages de cette liste ont été refusés : .*"CLUB".*ChapterKind/],
    ["an unknown region", { region: "atlantis" }, /^This list's settings were refused: .*no region has the slug "atlantis".*"africa"/],
    ["a region's name instead of its slug", { region: "Africa" }, /^This list's settings were refused: .*use "africa" for Africa/],
    ["a country code no country has", { country: "xx" }, /^This list's settings were refused: .*"XX" is not an ISO 3166-1 alpha-2 code of a country/],
  ])("shows the API's refusal of %s instead of a list, with no link to a listing that would be refused too", async (_, attributes, message) => {
    const page = await open(partner.page(snippet(attributes)));
    const refusal = page.locator("isoc-chapters .refused");
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(message);
    expect(await refusal.getAttribute("role")).toBe("alert");
    expect(await page.locator("isoc-chapters ul, isoc-chapters .fallback").count()).toBe(0);
  });

  it("links to the full listing when the API cannot be reached", async () => {
    const doomed = await serveApi(db);
    const page = await open(partner.page(snippet({ region: "africa", lang: "fr", limit: "3" }, doomed.base)));
    expect(await listedSlugs(page)).toHaveLength(3);
    await doomed.stop();
    await page.evaluate(() => document.querySelector("isoc-chapters")!.setAttribute("region", "europe"));
    const link = page.locator("isoc-chapters .fallback a");
    await link.waitFor();
    expect(await link.textContent()).toBe("Voir la liste complète");
    expect(await link.getAttribute("href")).toBe(`${doomed.base}/embed/chapters?region=europe&lang=fr&limit=100`);
    await saveScreenshot(page, "embed-fallback");
  });
});

describe("its look", () => {
  /** The lowest contrast ratio (WCAG 2) of any text in the element against the background behind it. */
  async function lowestContrast(page: Page): Promise<number> {
    return page.evaluate(() => {
      const rgb = (colour: string) => colour.match(/[\d.]+/g)!.map(Number);
      const luminance = (colour: string) => {
        const [r, g, b] = rgb(colour).map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const background = (element: Element | null): string => {
        for (let node: Element | null = element; node; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null)) {
          const colour = getComputedStyle(node).backgroundColor;
          if (rgb(colour)[3] !== 0) return colour;
        }
        return "rgb(255, 255, 255)";
      };
      const root = document.querySelector("isoc-chapters")!.shadowRoot!;
      const ratios = [...root.querySelectorAll("h2, h3, p, span, a")].map((element) => {
        const [lighter, darker] = [luminance(getComputedStyle(element).color), luminance(background(element))].sort((a, b) => b - a);
        return (lighter + 0.05) / (darker + 0.05);
      });
      return Math.min(...ratios);
    });
  }

  it.each(["light", "dark"] as const)("has text contrast of at least 4.5:1 in the %s scheme", async (colorScheme) => {
    const page = await open(partner.page(snippet({ region: "africa", limit: "5" })), { colorScheme });
    await listedSlugs(page);
    expect(await lowestContrast(page)).toBeGreaterThanOrEqual(4.5);
    await saveScreenshot(page, `embed-${colorScheme}`);
  });

  it("takes the partner's colours from --isoc-* custom properties", async () => {
    const themed = `<style>isoc-chapters { --isoc-accent-color: rgb(122, 31, 92); --isoc-card-background: rgb(255, 250, 240) }</style>`;
    const page = await open(partner.page(themed + snippet({ region: "africa", limit: "5" })));
    await listedSlugs(page);
    expect(await page.locator("isoc-chapters a").first().evaluate((a) => getComputedStyle(a).color)).toBe("rgb(122, 31, 92)");
    expect(await page.locator("isoc-chapters li").first().evaluate((li) => getComputedStyle(li).backgroundColor)).toBe("rgb(255, 250, 240)");
  });

  it("lays the chapters out in as many columns as fit", async () => {
    const columns = async (width: number) => {
      const page = await open(partner.page(snippet({ region: "africa", limit: "6" })), { viewport: { width, height: 800 } });
      await listedSlugs(page);
      if (width < 400) await saveScreenshot(page, "embed-narrow");
      return new Set(await page.locator("isoc-chapters li").evaluateAll((items) => items.map((item) => item.getBoundingClientRect().left))).size;
    };
    expect(await columns(360)).toBe(1);
    expect(await columns(1280)).toBeGreaterThanOrEqual(3);
  });
});
