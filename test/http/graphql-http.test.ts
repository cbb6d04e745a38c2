/**
 * The API over real HTTP, as partner sites and curl users reach it, held to
 * the GraphQL-over-HTTP specification: its status codes for each Accept
 * (application/json: 200 with `errors` for any well-formed request;
 * application/graphql-response+json: 4xx for requests that cannot execute),
 * alike for POST and GET, and graphql-http's own audit of a server.
 */
import { auditServer } from "graphql-http";
import type { HttpServer } from "../../src/http/app";
import { openHarness, serveHttp, type Harness } from "../support/harness";

let h: Harness;
let server: HttpServer;
let base: string;

beforeAll(async () => {
  h = await openHarness();
  ({ base, server } = await serveHttp(h));
});
afterAll(async () => {
  await server.stop();
  await h.close();
});

const post = (body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
  fetch(`${base}/graphql`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });

describe("POST /graphql", () => {
  it("answers a query with JSON data, and the data version (unknown here: no version watcher), its cost and the caller's budget in extensions", async () => {
    const response = await post({ query: `{ organization { vision } }` });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: { organization: { vision: "The Internet is for everyone." } },
      extensions: { dataVersion: null, rateLimit: { cost: 2, limit: 1e9, remaining: expect.any(Number), resetAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) } },
    });
  });

  it("answers bad arguments with 200 and a BAD_USER_INPUT error, per the GraphQL response format", async () => {
    const response = await post({ query: `{ chapters(first: 1000) { totalCount } }` });
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(body.errors[0].message).toMatch(/first/);
    expect(body.errors[0].extensions.stacktrace).toBeUndefined();
  });

  it("refuses malformed JSON with a 400 and a message", async () => {
    const response = await post("{ not json");
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe("BAD_REQUEST");
    expect(body.errors[0].message).toMatch(/JSON/);
  });

  it("answers an unknown field with a validation error: 200 for application/json, 400 for application/graphql-response+json", async () => {
    const json = await post({ query: `{ chapterz { id } }` });
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toMatch(/^application\/json/);
    expect((await json.json()).errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const graphqlResponse = await post({ query: `{ chapterz { id } }` }, { "content-type": "application/json", accept: GRAPHQL_RESPONSE });
    expect(graphqlResponse.status).toBe(400);
    expect(graphqlResponse.headers.get("content-type")).toMatch(/^application\/graphql-response\+json/);
    expect((await graphqlResponse.json()).errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});

const GRAPHQL_RESPONSE = "application/graphql-response+json";

/** A request that cannot execute, by POST and by GET, with each Accept: the status and the error's code. */
const FAILURES = [
  { failure: "a document that does not parse", query: `{ chapters {`, variables: undefined, code: "GRAPHQL_PARSE_FAILED" },
  { failure: "a document that fails validation", query: `{ chapterz { id } }`, variables: undefined, code: "GRAPHQL_VALIDATION_FAILED" },
  { failure: "variables that cannot be coerced", query: `query ($n: Int) { chapters(first: $n) { totalCount } }`, variables: { n: "ten" }, code: "BAD_USER_INPUT" },
];

describe.each([
  { accept: "application/json", status: 200 },
  { accept: undefined, status: 200 },
  { accept: GRAPHQL_RESPONSE, status: 400 },
])("with Accept: $accept", ({ accept, status }) => {
  const headers: Record<string, string> = accept ? { accept } : {};
  it.each(FAILURES)("answers $failure with $code, by POST and by GET, with the same status", async ({ query, variables, code }) => {
    const byPost = await post({ query, variables }, { "content-type": "application/json", ...headers });
    const params = new URLSearchParams({ query, ...(variables ? { variables: JSON.stringify(variables) } : {}) });
    const byGet = await fetch(`${base}/graphql?${params}`, { headers });
    for (const response of [byPost, byGet]) {
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toMatch(accept === GRAPHQL_RESPONSE ? /^application\/graphql-response\+json/ : /^application\/json/);
      const body = await response.json();
      expect(body.data).toBeUndefined();
      expect(body.errors[0].extensions.code).toBe(code);
    }
  });
});

describe("graphql-http's audit of the server (GraphQL over HTTP)", () => {
  it("passes every MUST and every SHOULD", async () => {
    const results = await auditServer({ url: `${base}/graphql` });
    const required = results.filter((result) => /^(MUST|SHOULD) /.test(result.name));
    // The audit as published: 23 SHOULDs and the MUSTs beside them (an audit that ran nothing would pass).
    expect(required.filter((result) => result.name.startsWith("SHOULD ")).length).toBeGreaterThanOrEqual(23);
    const failed = required.filter((result) => result.status !== "ok").map((result) => `${result.name}: ${"reason" in result ? result.reason : ""}`);
    expect(failed).toEqual([]);
  }, 60_000);
});

describe("GET /", () => {
  it("answers API clients with the JSON map of the API (Accept: application/json, or no preference)", async () => {
    for (const accept of ["application/json", "*/*"]) {
      const response = await fetch(`${base}/`, { headers: { accept } });
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(response.headers.get("vary")).toMatch(/Accept/);
      expect(await response.json()).toMatchObject({ graphql: "/graphql", export: "/export/{table}.{csv,json,ndjson,parquet}", releases: "/releases" });
    }
  });

  it("answers a browser with a page that says what this is and links to everything a newcomer looks for", async () => {
    const response = await fetch(`${base}/`, { headers: { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("content-security-policy")).toMatch(/default-src 'none'/);
    const page = await response.text();
    expect(page).toMatch(/GraphQL API about the Internet Society/);
    for (const href of ["/graphql", "/dashboard", "/embed", "/export/chapters.csv", "/export/membership.csv", "/export/sources.csv"]) {
      expect(page).toContain(`href="${href}"`);
    }
    expect(page).toMatch(/licence/);
    expect(page).toMatch(/synthetic/);
    // Every link leads somewhere that answers (of the exports, one: each table's are tested in test/export).
    const links = new Set([...page.matchAll(/href="(\/[^"]*)"/g)].map((match) => match[1]).filter((href) => !href.startsWith("/export/") || href === "/export/sources.csv"));
    for (const href of links) {
      expect([href, (await fetch(`${base}${href}`, { headers: { accept: "text/html" } })).status]).toEqual([href, 200]);
    }
  });
});
