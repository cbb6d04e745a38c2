/**
 * The API over real HTTP, as partner sites and curl users reach it.
 */
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

  it("refuses an unknown field with a 400 validation error", async () => {
    const response = await post({ query: `{ chapterz { id } }` });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});

describe("GET /", () => {
  it("points to the GraphQL endpoint", async () => {
    const response = await fetch(`${base}/`);
    expect(await response.json()).toMatchObject({ graphql: "/graphql" });
  });
});
