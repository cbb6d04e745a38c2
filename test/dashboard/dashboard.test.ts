/**
 * /dashboard in Chromium: the page draws its charts and table from what
 * /graphql answers on the seeded data (compared here with the same queries
 * run in-process), switches interval, marks the synthetic membership as such,
 * and loads nothing from anywhere but its own origin. A screenshot is kept as
 * test-artifacts/dashboard.png. A missing Chromium fails the test, saying how
 * to install it.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { Browser, Page } from "playwright-core";
import { createContext, type Context } from "../../src/graphql/context";
import { createApolloServer } from "../../src/graphql/server";
import { dashboardRoutes } from "../../src/http/dashboard.routes";
import { launchChromium, saveScreenshot, watchOffLoopbackRequests, watchPageErrors } from "../browser/support/chromium";
import { openHarness, testBudgets, type Harness } from "../support/harness";

let h: Harness;
let apollo: ApolloServer<Context>;
let server: http.Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  h = await openHarness();
  apollo = createApolloServer([], { budgets: testBudgets() });
  await apollo.start();
  // The dashboard's router and /graphql, as src/http/app.ts mounts them, on an app of the test's own.
  const app = express();
  app.use(dashboardRoutes());
  app.use("/graphql", express.json({ limit: "100kb" }), expressMiddleware(apollo, { context: async () => createContext(h) }));
  server = await new Promise<http.Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await apollo?.stop();
  await h?.close();
});

describe("GET /dashboard", () => {
  it("serves the page with a same-origin-only Content-Security-Policy, and Chart.js from this server", async () => {
    const page = await fetch(`${base}/dashboard`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.headers.get("content-security-policy")).toMatch(/default-src 'none'; script-src 'self'/);
    expect(await page.text()).toContain(`<script src="/dashboard/assets/chart.umd.js"></script>`);

    const chart = await fetch(`${base}/dashboard/assets/chart.umd.js`);
    expect(chart.status).toBe(200);
    expect(chart.headers.get("content-type")).toMatch(/javascript/);
    expect(await chart.text()).toContain("Chart.js v4.");
    expect((await fetch(`${base}/dashboard/assets/package.json`)).status).toBe(404);
    expect((await fetch(`${base}/dashboard/assets/..%2f..%2fconfig.ts`)).status).toBe(404);
  });
});

/** What a Chart.js chart on the page holds: its labels and, per dataset, its label, values and dash pattern. */
interface DrawnChart {
  labels: string[];
  datasets: { label: string; data: number[]; dashed: boolean }[];
}

function chartData(page: Page, canvas: string): Promise<DrawnChart> {
  return page.evaluate((selector) => {
    const chart = (globalThis as any).Chart.getChart(document.querySelector(selector));
    return {
      labels: chart.data.labels,
      datasets: chart.data.datasets.map((d: any) => ({ label: d.label, data: d.data, dashed: (d.borderDash ?? []).length > 0 })),
    };
  }, canvas);
}

async function waitUntilDrawn(page: Page, interval: string): Promise<void> {
  await page.waitForSelector(`#dashboard[data-ready="true"][data-interval="${interval}"]`, { timeout: 20_000 });
}

describe("the dashboard in Chromium", () => {
  it("draws members by region, chapters by status and kind, and growth from live data; switches interval; marks synthetic data", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors = watchPageErrors(page);
    const offLoopback = watchOffLoopbackRequests(page);
    await page.goto(`${base}/dashboard`);
    await waitUntilDrawn(page, "QUARTER");

    // The same query the page sends, in-process.
    const expected = (await h.run(`{
      quarters: memberStats(groupBy: REGION, interval: QUARTER, from: "2016-01-01", to: "2025-12-31") { label synthetic points { individualMembers } }
      years: memberStats(groupBy: REGION, interval: YEAR, from: "2016-01-01", to: "2025-12-31") { label synthetic points { individualMembers } }
      growth(groupBy: REGION, from: "2016-01-01", to: "2025-12-31") { label synthetic end { individualMembers } }
      byStatus: chapterCounts(groupBy: STATUS) { label count }
      byKind: chapterCounts(groupBy: KIND) { label count }
      regions { name }
    }`)).data!;

    const members = await chartData(page, "#members-chart");
    expect(members.labels).toHaveLength(40);
    expect(members.labels.slice(0, 2)).toEqual(["2016 Q1", "2016 Q2"]);
    // The six regions (and the chapters with no region), each a stacked line of the API's figures, dashed: they are synthetic.
    const regionNames = expected.regions.map((r: any) => r.name);
    expect(regionNames).toHaveLength(6);
    for (const name of regionNames) expect(members.datasets.map((d) => d.label)).toContain(`${name} (synthetic)`);
    expect(members.datasets).toEqual(
      expected.quarters.map((s: any) => ({ label: `${s.label} (synthetic)`, data: s.points.map((p: any) => p.individualMembers), dashed: true })),
    );

    const status = await chartData(page, "#status-chart");
    expect([status.labels, status.datasets[0].data]).toEqual([expected.byStatus.map((c: any) => c.label), expected.byStatus.map((c: any) => c.count)]);
    const kind = await chartData(page, "#kind-chart");
    expect([kind.labels, kind.datasets[0].data]).toEqual([expected.byKind.map((c: any) => c.label), expected.byKind.map((c: any) => c.count)]);

    const rows = await page.$$eval("#growth-table tbody tr", (trs) =>
      trs.map((tr) => ({ region: tr.querySelector("th")!.textContent, end: tr.children[2].textContent, synthetic: tr.getAttribute("data-synthetic") })),
    );
    expect(rows).toEqual(
      expected.growth.map((g: any) => ({ region: g.label, end: new Intl.NumberFormat("en").format(g.end.individualMembers), synthetic: "true" })),
    );
    // Every change is written one way: a sign and one decimal ("+161.0%", never "+161%" beside "+175.3%").
    const changes = await page.$$eval("#growth-table tbody tr", (trs) => trs.map((tr) => tr.children[4].textContent));
    expect(changes.filter((change) => change !== "–").length).toBeGreaterThan(0);
    for (const change of changes) expect(change).toMatch(/^(–|0\.0%|[+-]\d{1,3}(,\d{3})*\.\d%)$/);

    expect(await page.isVisible("#synthetic-badge")).toBe(true);
    expect(await page.textContent("#synthetic-badge")).toBe("Synthetic data");
    expect(await page.isVisible("#synthetic-note")).toBe(true);

    await page.check(`input[name="interval"][value="YEAR"]`);
    await waitUntilDrawn(page, "YEAR");
    const years = await chartData(page, "#members-chart");
    expect(years.labels).toEqual(["2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025"]);
    expect(years.datasets.map((d) => d.data)).toEqual(expected.years.map((s: any) => s.points.map((p: any) => p.individualMembers)));

    await page.check(`input[name="interval"][value="MONTH"]`);
    await waitUntilDrawn(page, "MONTH");
    expect((await chartData(page, "#members-chart")).labels).toHaveLength(120);
    await page.check(`input[name="interval"][value="QUARTER"]`);
    await waitUntilDrawn(page, "QUARTER");

    expect(errors).toEqual([]);
    expect(offLoopback).toEqual([]);
    await saveScreenshot(page, "dashboard");
    await page.close();
  }, 60_000);

  it("says what went wrong when the API refuses the view, instead of drawing nothing", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/dashboard`);
    await waitUntilDrawn(page, "QUARTER");
    await page.fill(`input[name="from"]`, "2026-01-01");
    await page.dispatchEvent(`input[name="from"]`, "change");
    await page.waitForSelector(`#dashboard[data-ready="error"]`, { timeout: 20_000 });
    expect(await page.textContent("#error")).toMatch(/could not be loaded: `from` must not be after `to`/);
    await page.close();
  }, 60_000);
});
