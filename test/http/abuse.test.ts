/**
 * The abuse suite: every kind of garbage a client can send over HTTP. Each
 * case must get a 4xx, or a GraphQL error with a clear message and one of our
 * codes — never a 500, INTERNAL_SERVER_ERROR, a database message, a hang or a
 * crash — and the server must be healthy after all of them.
 */
import { getIntrospectionQuery } from "graphql";
import { OPERATIONS } from "../../bench/operations";
import { filterFingerprint } from "../../src/graphql/relay/cursor";
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

interface Abuse {
  name: string;
  method?: string;
  contentType?: string | null;
  body?: string | Buffer | object;
  /** What must come back: an HTTP status, or a GraphQL error code in a 200/400 answer. */
  expectStatus?: number;
  expectCode?: string;
  /** A piece of the error message that tells the client what is wrong. */
  expectMessage?: RegExp;
}

const nest = (depth: number) => `{ chapters(first: 1) { nodes { ${"region { chapters(first: 1) { nodes { ".repeat(depth)}name${" } } }".repeat(depth)} } } }`;

/** A cursor as a forger would make it: base64url of any JSON array. */
const forgedCursor = (...values: unknown[]) => Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
/** A current cursor of the unfiltered chapters in name order, holding these values: only its values are wrong. */
const chaptersCursor = (...values: unknown[]) => forgedCursor("c2", "name:ASC", filterFingerprint({}), ...values);
const afterCursor = (cursor: string) => ({ query: "query($c: String) { chapters(first: 2, after: $c) { totalCount } }", variables: { c: cursor } });

/** What PostgreSQL, the driver or Node say when a bad value reaches them: never shown to a client. */
const INTERNAL_TEXT = /invalid input syntax|out of range for type|invalid byte sequence|encoding "UTF8"|violates .*constraint|relation "|column "|syntax error at or near|QueryFailedError|ECONNREFUSED|Cannot read propert|is not a function|undefined/;

const apq = (persistedQuery: unknown, query?: string) => ({ ...(query ? { query } : {}), extensions: { persistedQuery } });
const UNKNOWN_HASH = "0".repeat(64);

const CASES: Abuse[] = [
  { name: "malformed JSON", body: "{ not json", expectStatus: 400, expectMessage: /JSON/ },
  { name: "JSON string instead of an object", body: '"query"', expectStatus: 400 },
  { name: "JSON number", body: "42", expectStatus: 400 },
  { name: "JSON null", body: "null", expectStatus: 400 },
  { name: "empty body", body: "", expectStatus: 400 },
  { name: "empty object", body: {}, expectStatus: 400, expectMessage: /JSON object has no keys/ },
  { name: "query that is not a string", body: { query: 123 }, expectStatus: 400, expectMessage: /queries must be strings/ },
  { name: "variables that are not an object", body: { query: "{ regions { name } }", variables: "x" }, expectStatus: 400, expectMessage: /variables/ },
  { name: "extensions that are not an object", body: { query: "{ regions { name } }", extensions: 5 }, expectStatus: 400 },
  { name: "text/plain content type", contentType: "text/plain", body: JSON.stringify({ query: "{ regions { name } }" }), expectStatus: 400 },
  { name: "XML content type", contentType: "application/xml", body: "<query/>", expectStatus: 400 },
  { name: "no content type", contentType: null, body: JSON.stringify({ query: "{ regions { name } }" }), expectStatus: 400 },
  { name: "form content type", contentType: "application/x-www-form-urlencoded", body: "query=%7B%7D", expectStatus: 400 },
  { name: "body over the size limit", body: { query: `{ regions { name } } #${"x".repeat(200_000)}` }, expectStatus: 413, expectMessage: /too large/ },
  { name: "batched array of operations", body: [{ query: "{ regions { name } }" }, { query: "{ regions { slug } }" }], expectStatus: 400, expectMessage: /batch/i },
  { name: "invalid UTF-8 bytes", body: Buffer.from([0x7b, 0x22, 0x71, 0x75, 0x65, 0x72, 0x79, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]), expectStatus: 400, expectCode: "GRAPHQL_PARSE_FAILED" },
  { name: "GraphQL syntax error", body: { query: "{ regions { name " }, expectStatus: 400, expectCode: "GRAPHQL_PARSE_FAILED" },
  { name: "unknown field", body: { query: "{ nope }" }, expectStatus: 400, expectCode: "GRAPHQL_VALIDATION_FAILED" },
  { name: "unknown mutation", body: { query: "mutation { x }" }, expectStatus: 400, expectMessage: /Cannot query field "x" on type "Mutation"/ },
  { name: "subscription", body: { query: "subscription { x }" }, expectStatus: 400, expectMessage: /does not support subscription operations/ },
  { name: "unknown operation name", body: { query: "query A { regions { name } }", operationName: "B" }, expectStatus: 400, expectMessage: /Unknown operation named "B"/ },
  { name: "two operations and no operation name", body: { query: "query A { regions { name } } query B { regions { slug } }" }, expectStatus: 400, expectMessage: /operation name/ },
  { name: "deep nesting", body: { query: nest(4) }, expectStatus: 400, expectMessage: /depth limit of 12/ },
  { name: "deep and wide nesting", body: { query: nest(10) }, expectStatus: 400, expectMessage: /limit of/ },
  { name: "self-recursive fragment", body: { query: "{ regions { ...R } } fragment R on Region { name ...R }" }, expectStatus: 400, expectMessage: /Cannot spread fragment "R" within itself/ },
  { name: "mutually recursive fragments", body: { query: "{ regions { ...A } } fragment A on Region { ...B } fragment B on Region { ...A }" }, expectStatus: 400, expectMessage: /within itself/ },
  { name: "fragment on an unknown type", body: { query: "{ regions { ...F } } fragment F on Nope { id }" }, expectStatus: 400, expectMessage: /Unknown type "Nope"/ },
  { name: "alias flood", body: { query: `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: organization { name }`).join(" ")} }` }, expectStatus: 400, expectMessage: /Aliases limit of 30/ },
  { name: "directive flood", body: { query: `{ regions { name ${"@include(if: true) ".repeat(200)} } }` }, expectStatus: 400, expectMessage: /Directives limit of 30/ },
  { name: "token flood", body: { query: `{ regions { ${"name ".repeat(6000)} } }` }, expectStatus: 400, expectCode: "GRAPHQL_PARSE_FAILED", expectMessage: /Document contains more th.. 5000 tokens/ },
  { name: "expensive breadth", body: { query: `{ ${Array.from({ length: 25 }, (_, i) => `c${i}: chapters(first: 100) { nodes { name slug kind status region { name slug } country { code name } membership { history(from: "2020-01-01", to: "2025-12-31") { date individualMembers organizationMembers } } } }`).join(" ")} }` }, expectStatus: 400, expectMessage: /over the limit of 200,000/ },
  { name: "huge string variable", body: { query: "query($s: String) { chapters(filter: {search: $s}) { totalCount } }", variables: { s: "x".repeat(90_000) } }, expectCode: "BAD_USER_INPUT", expectMessage: /1 to 100 characters/ },
  { name: "huge number variable", body: { query: "query($n: Int) { chapters(first: $n) { totalCount } }", variables: { n: 1e30 } }, expectCode: "BAD_USER_INPUT", expectMessage: /Int cannot represent/ },
  { name: "float where an Int belongs", body: { query: "{ chapters(first: 1.5) { totalCount } }" }, expectCode: "BAD_USER_INPUT" },
  { name: "very long global ID", body: { query: `{ node(id: "${"A".repeat(50_000)}") { id } }` }, expectCode: "BAD_USER_INPUT", expectMessage: /not a valid ID/ },
  { name: "very long cursor", body: { query: `{ chapters(after: "${"A".repeat(50_000)}") { totalCount } }` }, expectCode: "BAD_USER_INPUT", expectMessage: /not a valid cursor/ },
  { name: "__proto__ in variables", body: JSON.parse('{"query":"query($f: ChapterFilter) { chapters(filter: $f) { totalCount } }","variables":{"f":{"__proto__":{"polluted":true}}}}'), expectCode: "BAD_USER_INPUT" },
  // Cursors whose values do not fit their columns (issue 13): refused before SQL, never "invalid input syntax for type integer".
  { name: "cursor of the old format holding a non-integer id", body: afterCursor(forgedCursor("c1", "name:ASC", "Kenya", 1.5)), expectCode: "BAD_USER_INPUT", expectMessage: /not a valid cursor/ },
  { name: "cursor holding a non-integer id", body: afterCursor(chaptersCursor("Kenya", 1.5)), expectCode: "BAD_USER_INPUT", expectMessage: /not a valid cursor/ },
  { name: "cursor holding the id 1e12", body: afterCursor(chaptersCursor("Kenya", 1e12)), expectCode: "BAD_USER_INPUT", expectMessage: /not a valid cursor/ },
  { name: "cursor holding the id 2147483648 (int4 + 1)", body: afterCursor(chaptersCursor("Kenya", 2147483648)), expectCode: "BAD_USER_INPUT", expectMessage: /not a valid cursor/ },
  { name: "cursor holding the id -2147483649", body: afterCursor(chaptersCursor("Kenya", -2147483649)), expectCode: "BAD_USER_INPUT", expectMessage: /not a valid cursor/ },
  { name: "cursor holding a NUL in its name", body: afterCursor(chaptersCursor("Ken\u0000ya", 1)), expectCode: "BAD_USER_INPUT", expectMessage: /not a valid cursor/ },
  { name: "cursor of another filter", body: { query: '{ chapters(first: 2, after: "' + chaptersCursor("Kenya", 1) + '", filter: { region: "africa" }) { totalCount } }' }, expectCode: "BAD_USER_INPUT", expectMessage: /another filter/ },
  // NUL and unpaired surrogates, in literals and in variables, in every kind of string argument.
  { name: "NUL in chapter(slug:), as a variable", body: { query: "query($s: String!) { chapter(slug: $s) { name } }", variables: { s: "be\u0000nin" } }, expectCode: "BAD_USER_INPUT", expectMessage: /variable "\$s" holds a NUL/ },
  { name: "NUL in chapter(slug:), as a literal", body: { query: '{ chapter(slug: "be\\u0000nin") { name } }' }, expectCode: "BAD_USER_INPUT", expectMessage: /argument "slug" holds a NUL/ },
  { name: "NUL in filter.search, as a literal", body: { query: '{ chapters(filter: { search: "a\\u0000" }) { totalCount } }' }, expectCode: "BAD_USER_INPUT", expectMessage: /argument "filter\.search" holds a NUL/ },
  { name: "NUL in filter.region, as a literal", body: { query: '{ chapters(filter: { region: "afr\\u0000ica" }) { totalCount } }' }, expectCode: "BAD_USER_INPUT", expectMessage: /argument "filter\.region" holds a NUL/ },
  { name: "NUL in filter.search, in an input-object variable", body: { query: "query($f: ChapterFilter) { chapters(filter: $f) { totalCount } }", variables: { f: { search: "a\u0000" } } }, expectCode: "BAD_USER_INPUT", expectMessage: /variable "\$f" \(at f\.search\) holds a NUL/ },
  { name: "NUL in filter.region, in a variable", body: { query: "query($r: String) { chapters(filter: { region: $r }) { totalCount } }", variables: { r: "\u0000" } }, expectCode: "BAD_USER_INPUT", expectMessage: /variable "\$r" holds a NUL/ },
  { name: "NUL in a variable's default value", body: { query: 'query($s: String = "x\\u0000") { chapters(filter: { search: $s }) { totalCount } }' }, expectCode: "BAD_USER_INPUT", expectMessage: /default value of the variable "\$s"/ },
  { name: "NUL in an ID list", body: { query: "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", variables: { ids: ["Q2hhcHRlcjox", "\u0000"] } }, expectCode: "BAD_USER_INPUT", expectMessage: /at ids\[1\]/ },
  { name: "unpaired surrogate in a variable", body: { query: "query($s: String!) { chapter(slug: $s) { name } }", variables: { s: "be\ud800nin" } }, expectCode: "BAD_USER_INPUT", expectMessage: /unpaired surrogate/ },
  { name: "unpaired surrogate in filter.search", body: { query: "query($s: String) { chapters(filter: { search: $s }) { totalCount } }", variables: { s: "\udc00" } }, expectCode: "BAD_USER_INPUT", expectMessage: /unpaired surrogate/ },
  { name: "unpaired surrogate escaped in a literal", body: { query: '{ chapter(slug: "\\ud800") { name } }' }, expectStatus: 400, expectCode: "GRAPHQL_PARSE_FAILED", expectMessage: /Unicode escape/ },
  // Broken automatic persisted queries: Apollo's codes, never INTERNAL_SERVER_ERROR.
  { name: "persisted query of an unsupported version", body: apq({ version: 2, sha256Hash: UNKNOWN_HASH }), expectStatus: 400, expectCode: "PERSISTED_QUERY_NOT_SUPPORTED", expectMessage: /version 1/ },
  { name: "persisted query that is not an object", body: apq("x"), expectStatus: 400, expectCode: "PERSISTED_QUERY_NOT_SUPPORTED" },
  { name: "persisted query whose hash is not the query's", body: apq({ version: 1, sha256Hash: UNKNOWN_HASH }, "{ regions { name } }"), expectStatus: 400, expectCode: "BAD_REQUEST", expectMessage: /not the SHA-256 of the query/ },
  { name: "persisted query without a hash or query", body: apq({ version: 1 }), expectCode: "PERSISTED_QUERY_NOT_FOUND" },
  // Apollo's protocol: not found is 200, so the client sends the query with its hash next.
  { name: "persisted query not (yet) stored", body: apq({ version: 1, sha256Hash: UNKNOWN_HASH }), expectStatus: 200, expectCode: "PERSISTED_QUERY_NOT_FOUND" },
  { name: "PUT instead of POST", method: "PUT", body: { query: "{ regions { name } }" }, expectStatus: 405 },
  { name: "mutation over GET", method: "GET", contentType: null, body: 'mutation { archiveChapter(id: "Q2hhcHRlcjox", version: 1) { id } }', expectStatus: 405, expectMessage: /GET requests only support query operations/ },
];

async function send(abuse: Abuse): Promise<{ status: number; body: any; text: string }> {
  // The media type whose statuses say "not executed" (400); with application/json the same refusals
  // answer 200 with errors (test/http/graphql-http.test.ts).
  const headers: Record<string, string> = { accept: "application/graphql-response+json" };
  if (abuse.contentType !== null) headers["content-type"] = abuse.contentType ?? "application/json";
  const body =
    abuse.body === undefined ? undefined : Buffer.isBuffer(abuse.body) ? new Uint8Array(abuse.body) : typeof abuse.body === "string" ? abuse.body : JSON.stringify(abuse.body);
  const get = abuse.method === "GET";
  const url = get ? `${base}/graphql?query=${encodeURIComponent(String(abuse.body))}` : `${base}/graphql`;
  const response = await fetch(url, { method: abuse.method ?? "POST", headers, body: get ? undefined : body, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, text };
}

describe(`the abuse suite (${CASES.length} cases)`, () => {
  it.each(CASES.map((c) => [c.name, c]))("%s: a clear client error, never a 500", async (_, abuse) => {
    const before = (await h.dataSource.query(`SELECT count(*)::int AS n FROM source`))[0].n;
    const { status, body, text } = await send(abuse as Abuse);
    expect(status).toBeLessThan(500);
    const { expectStatus, expectCode, expectMessage } = abuse as Abuse;
    if (expectStatus !== undefined) expect(status).toBe(expectStatus);
    if (expectCode !== undefined) expect(body?.errors?.[0]?.extensions?.code).toBe(expectCode);
    if (expectMessage !== undefined) expect(body?.errors?.[0]?.message ?? text).toMatch(expectMessage);
    if (status >= 400) expect(text.length).toBeGreaterThan(0);
    expect(text).not.toMatch(/at .+\.(ts|js):\d+/); // no stack traces
    expect(text).not.toMatch(INTERNAL_TEXT);
    for (const error of body?.errors ?? []) expect(error.extensions?.code).not.toBe("INTERNAL_SERVER_ERROR");
    expect((await h.dataSource.query(`SELECT count(*)::int AS n FROM source`))[0].n).toBe(before);
  });

  it("leaves the server healthy and answering", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const { status, body } = await send({ name: "normal", body: { query: "{ organization { vision } }" } });
    expect(status).toBe(200);
    expect(body.data.organization.vision).toBe("The Internet is for everyone.");
  });

  it("lets the full introspection query through the limits", async () => {
    const { status, body } = await send({ name: "introspection", body: { query: getIntrospectionQuery() } });
    expect(status).toBe(200);
    expect(body.data.__schema.queryType.name).toBe("Query");
  });
});

describe("the limits let real workloads through", () => {
  it.each(OPERATIONS.map((op) => [op.name, op]))("the benchmark's %s operation", async (_, op) => {
    const { status, body } = await send({ name: op.name, body: { query: op.query, variables: op.variables } });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });
});
