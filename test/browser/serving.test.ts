/**
 * How the embed and the explorer are served, over plain HTTP: the element's
 * script (size budget, caching, CORS), the iframe page's refusal of anything
 * it would have to echo unsafely, and /graphql answering a browser with the
 * explorer and every API client with JSON, as before.
 */
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { Kind, parse } from "graphql";
import { PROJECT_ROOT } from "../../src/config";
import { openHarness, type Harness } from "../support/harness";
import { serveApi, type Served } from "./support/servers";

const BUDGET_BYTES = 10 * 1024;
/** What Chromium sends when a person opens a URL. */
const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

let h: Harness;
let api: Served;
beforeAll(async () => {
  h = await openHarness();
  api = await serveApi(h);
});
afterAll(async () => {
  await api.stop();
  await h.close();
});

describe("GET /embed.js", () => {
  it("is the element's module, cacheable for five minutes and loadable from any origin", async () => {
    const response = await fetch(`${api.base}/embed.js`, { headers: { origin: "https://partner.example" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(await response.text()).toBe(fs.readFileSync(path.join(PROJECT_ROOT, "src/http/embed/embed.js"), "utf8"));
  });

  it("weighs under 10 KB gzipped", async () => {
    const script = Buffer.from(await (await fetch(`${api.base}/embed.js`)).arrayBuffer());
    expect(gzipSync(script).length).toBeLessThan(BUDGET_BYTES);
  });
});

describe("GET /embed/chapters", () => {
  it("writes its query string's attributes on the element and its language on the page", async () => {
    const response = await fetch(`${api.base}/embed/chapters?region=africa&kind=chapter&status=active&country=BJ&limit=20&lang=fr&ignored=x`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<isoc-chapters region="africa" country="BJ" kind="chapter" status="active" limit="20" lang="fr"></isoc-chapters>');
  });

  it("defaults to English with no attributes", async () => {
    const html = await (await fetch(`${api.base}/embed/chapters`)).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("<isoc-chapters></isoc-chapters>");
  });

  it.each([
    ["region", `"><script>alert(1)</script>`],
    ["country", "BJ<"],
    ["kind", "club"],
    ["status", "active' onmouseover='x"],
    ["limit", "1000"],
    ["lang", `fr"><img src=x>`],
  ])("refuses %s=%s with 400, naming the attribute and echoing nothing", async (name, value) => {
    const response = await fetch(`${api.base}/embed/chapters?${new URLSearchParams({ [name]: value })}`);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const body = await response.text();
    expect(body).toMatch(new RegExp(`^Bad ${name}:`));
    expect(body).not.toContain(value);
  });

  it("refuses an attribute given twice", async () => {
    expect((await fetch(`${api.base}/embed/chapters?region=africa&region=europe`)).status).toBe(400);
  });
});

describe("GET /graphql", () => {
  const query = encodeURIComponent("{ regions { slug } }");

  it("shows a browser the explorer, keyed on Accept and kept from shared caches", async () => {
    const response = await fetch(`${api.base}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("vary")).toContain("Accept");
    expect(response.headers.get("cache-control")).toBe("private, no-cache");
    expect(await response.text()).toContain('<script src="/graphql-explorer/assets/graphiql.min.js"></script>');
  });

  it.each([
    ["no Accept header", undefined],
    ["Accept: */*", "*/*"],
    ["Accept: application/json", "application/json"],
    ["Accept: application/graphql-response+json", "application/graphql-response+json"],
  ])("still answers an API client's query with JSON, given %s", async (_, accept) => {
    const response = await fetch(`${api.base}/graphql?query=${query}`, { headers: accept ? { accept } : {} });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/(graphql-response\+)?json/);
    expect((await response.json()).data.regions).toHaveLength(6);
  });
});

describe("the explorer's files", () => {
  it("preload one tab per example operation, with the comment above it", async () => {
    const examples = fs.readFileSync(path.join(PROJECT_ROOT, "schema", "examples.graphql"), "utf8");
    const operations = parse(examples).definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    const tabs: { query: string }[] = await (await fetch(`${api.base}/graphql-explorer/examples.json`)).json();
    expect(tabs.map((tab) => (parse(tab.query).definitions[0] as { name?: { value: string } }).name?.value)).toEqual(operations.map((operation) => operation.name?.value));
    expect(tabs[0].query).toMatch(/^# The organisation in its own words, with headline figures and their source\.\nquery Organization \{/);
    for (const tab of tabs) expect(examples).toContain(tab.query.trim());
  });

  it.each(["react.production.min.js", "react-dom.production.min.js", "graphiql.min.js", "graphiql.min.css", "explorer.js"])("serve %s", async (name) => {
    const response = await fetch(`${api.base}/graphql-explorer/assets/${name}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(name.endsWith(".css") ? /^text\/css/ : /^(text|application)\/javascript/);
  });

  it.each(["package.json", "..%2Fpackage.json", "__proto__", "graphiql.js"])("serve nothing else (%s)", async (name) => {
    expect((await fetch(`${api.base}/graphql-explorer/assets/${name}`)).status).toBe(404);
  });
});
