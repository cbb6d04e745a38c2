/**
 * The explorer in Chromium: opening /graphql in a browser shows GraphiQL,
 * loaded from this server alone (the machine may be offline), with one tab
 * per example of schema/examples.graphql, and it runs a query.
 */
import fs from "node:fs";
import path from "node:path";
import { Kind, parse } from "graphql";
import type { Browser, Page } from "playwright-core";
import { PROJECT_ROOT } from "../../src/config";
import { openHarness, type Harness } from "../support/harness";
import { launchChromium, saveScreenshot, watchOffLoopbackRequests, watchPageErrors } from "./support/chromium";
import { serveApi, type Served } from "./support/servers";

const EXAMPLES = parse(fs.readFileSync(path.join(PROJECT_ROOT, "schema", "examples.graphql"), "utf8"))
  .definitions.flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION ? [definition.name!.value] : []));

let browser: Browser;
let h: Harness;
let api: Served;
let page: Page;
let offLoopback: string[];
let errors: string[];
const requested: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  h = await openHarness();
  api = await serveApi(h);
  page = await browser.newPage();
  offLoopback = watchOffLoopbackRequests(page);
  errors = watchPageErrors(page);
  page.on("request", (request) => requested.push(request.url()));
  await page.goto(`${api.base}/graphql`);
  await page.locator(".graphiql-container").waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await h?.close();
});

it("loads GraphiQL from this server's own assets and nothing from anywhere else", () => {
  expect(offLoopback).toEqual([]);
  const scriptsAndStyles = requested.filter((url) => /\.(js|css)$/.test(url));
  expect(scriptsAndStyles.length).toBeGreaterThanOrEqual(5);
  for (const url of scriptsAndStyles) expect(url.startsWith(`${api.base}/graphql-explorer/assets/`)).toBe(true);
  expect(errors).toEqual([]);
});

it("opens with one tab per example operation", async () => {
  await page.locator(".graphiql-tab").first().waitFor();
  expect(await page.locator(".graphiql-tab-button").allTextContents()).toEqual(EXAMPLES);
  expect(await page.locator(".graphiql-query-editor").textContent()).toContain("# The organisation in its own words");
});

it("runs the example in the open tab and shows the answer", async () => {
  await page.locator(".graphiql-execute-button").click();
  const response = page.locator(".graphiql-response");
  await response.getByText('"Internet Society"').waitFor();
  expect(await response.textContent()).toContain('"mission"');
  expect(errors).toEqual([]);
  await saveScreenshot(page, "explorer");
});
