/**
 * Bad input: every mistake a client can make in its arguments comes back as
 * an error with extensions.code BAD_USER_INPUT and a message that says what
 * to fix, never as a server error, a stack trace or a silently empty result.
 */
import { anonymousCaller, visibilityOf } from "../../src/auth/caller";
import type { SqlClient } from "../../src/db/sql";
import type { Context } from "../../src/graphql/context";
import { createLoaders } from "../../src/graphql/loaders";
import { createApolloServer } from "../../src/graphql/server";
import { logger } from "../../src/observability/logger";
import { openHarness, testBudgets, type GraphQLResult, type Harness } from "../support/harness";

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

type GraphQLError = NonNullable<GraphQLResult["errors"]>[number];

/** Runs an operation that must fail with exactly one BAD_USER_INPUT error, and returns that error. */
async function badUserInput(query: string, variables?: Record<string, unknown>): Promise<GraphQLError> {
  const result = await h.run(query, variables);
  expect(result.errors).toBeDefined();
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors!;
  expect(error.extensions?.code).toBe("BAD_USER_INPUT");
  expect(error.extensions).not.toHaveProperty("stacktrace");
  expect(error.message.length).toBeLessThan(400);
  return error;
}

/** An ID that is well-formed base64url but names nothing this API makes. */
const encoded = (text: string) => Buffer.from(text, "utf8").toString("base64url");

describe("node(id)", () => {
  it.each([
    ["not base64url", "!!!not-an-id!!!"],
    ["empty", ""],
    ["standard base64 with padding", Buffer.from("Chapter:1").toString("base64") + "=="],
    ["base64url without a type separator", encoded("garbage")],
    ["base64url with an empty key", encoded("Chapter:")],
    ["very long", "A".repeat(5000)],
  ])("refuses a malformed id (%s) and says to pass an id returned by the API", async (_, id) => {
    const error = await badUserInput(`query($id: ID!) { node(id: $id) { id } }`, { id });
    expect(error.message).toMatch(/not a valid ID/);
    expect(error.message).toMatch(/`id`/);
    expect(error.extensions?.argumentName).toBe("id");
  });

  it("quotes at most a bounded part of a huge id in its message", async () => {
    const error = await badUserInput(`query($id: ID!) { node(id: $id) { id } }`, { id: "!".repeat(10_000) });
    expect(error.message.length).toBeLessThan(300);
  });
});

describe("nodes(ids)", () => {
  it("refuses 101 ids, saying the limit is 100", async () => {
    const ids = Array.from({ length: 101 }, (_, i) => encoded(`Chapter:${i + 1}`));
    const error = await badUserInput(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
    expect(error.message).toMatch(/`ids`/);
    expect(error.message).toMatch(/100/);
    expect(error.message).toMatch(/101/);
    expect(error.extensions?.argumentName).toBe("ids");
  });

  it("accepts exactly 100 ids", async () => {
    const ids = Array.from({ length: 100 }, (_, i) => encoded(`Chapter:${i + 1}`));
    const result = await h.run(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
    expect(result.errors).toBeUndefined();
    expect(result.data!.nodes).toHaveLength(100);
  });

  it("refuses a malformed id among valid ones, naming `ids`", async () => {
    const error = await badUserInput(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [encoded("Chapter:1"), "%%%"] });
    expect(error.message).toMatch(/not a valid ID/);
    expect(error.extensions?.argumentName).toBe("ids");
  });
});

describe("unknown enum values", () => {
  it("in a literal (kind: FOO) name the value and the enum", async () => {
    const error = await badUserInput(`{ chapters(filter: { kind: FOO }) { totalCount } }`);
    expect(error.message).toMatch(/FOO/);
    expect(error.message).toMatch(/ChapterKind/);
  });

  it("in a variable name the variable, the value and the enum", async () => {
    const error = await badUserInput(`query($kind: ChapterKind) { chapters(filter: { kind: $kind }) { totalCount } }`, { kind: "FOO" });
    expect(error.message).toMatch(/\$kind/);
    expect(error.message).toMatch(/FOO/);
    expect(error.message).toMatch(/ChapterKind/);
  });

  it("in a variable of an input object name the field", async () => {
    const error = await badUserInput(`query($filter: ChapterFilter) { chapters(filter: $filter) { totalCount } }`, { filter: { status: "CLOSED" } });
    expect(error.message).toMatch(/CLOSED/);
    expect(error.message).toMatch(/status/);
  });

  it("in orderBy and objectives(kind) too", async () => {
    expect((await badUserInput(`{ chapters(orderBy: { field: FOUNDED, direction: ASC }) { totalCount } }`)).message).toMatch(/FOUNDED/);
    expect((await badUserInput(`{ objectives(kind: TACTICAL) { text } }`)).message).toMatch(/TACTICAL/);
  });

  it("a lower-case spelling of a valid value is refused too, naming it", async () => {
    const error = await badUserInput(`query($kind: ChapterKind) { chapters(filter: { kind: $kind }) { totalCount } }`, { kind: "sig" });
    expect(error.message).toMatch(/"sig"/);
  });
});

describe("chapters filter", () => {
  it.each(["XYZ", "B", "12", "B J", ""])('refuses country "%s", asking for an ISO 3166-1 alpha-2 code', async (country) => {
    const error = await badUserInput(`query($c: String) { chapters(filter: { country: $c }) { totalCount } }`, { c: country });
    expect(error.message).toMatch(/filter\.country/);
    expect(error.message).toMatch(/ISO 3166-1 alpha-2/);
    expect(error.message).toContain(`"${country}"`);
    expect(error.extensions?.argumentName).toBe("filter");
  });

  it.each([
    ["empty", ""],
    ["only spaces", "   "],
    ["longer than 100 characters", "x".repeat(101)],
  ])("refuses a search that is %s, giving the allowed length", async (_, search) => {
    const error = await badUserInput(`query($s: String) { chapters(filter: { search: $s }) { totalCount } }`, { s: search });
    expect(error.message).toMatch(/filter\.search/);
    expect(error.message).toMatch(/1 to 100 characters/);
  });

  it("accepts a search of exactly 100 characters (and finds nothing)", async () => {
    const result = await h.run(`query($s: String) { chapters(filter: { search: $s }) { totalCount } }`, { s: "x".repeat(100) });
    expect(result.errors).toBeUndefined();
    expect(result.data!.chapters.totalCount).toBe(0);
  });

  it("region.chapters refuses the same bad filter", async () => {
    const error = await badUserInput(`{ region(slug: "africa") { chapters(filter: { country: "XYZ" }) { totalCount } } }`);
    expect(error.message).toMatch(/ISO 3166-1 alpha-2/);
  });
});

describe("programmes(area)", () => {
  it("refuses an area no programme has, naming the areas there are, instead of an empty list", async () => {
    const error = await badUserInput(`{ programmes(area: "Grants") { name } }`);
    const areas: { area: string }[] = await h.dataSource.query(`SELECT DISTINCT area FROM programme ORDER BY area`);
    expect(areas.length).toBeGreaterThan(1);
    expect(error.message).toContain(`There is no programme area "Grants"; the areas are ${areas.map(({ area }) => `"${area}"`).join(", ")}.`);
    expect(error.extensions?.argumentName).toBe("area");
  });

  it("takes an area in any case", async () => {
    const result = await h.run(`{ a: programmes(area: "grants & awards") { slug } b: programmes(area: "Grants & Awards") { slug } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.a.length).toBeGreaterThan(0);
    expect(result.data!.a).toEqual(result.data!.b);
  });
});

describe("chapters paging arguments", () => {
  it.each([
    ["first: 101", `{ chapters(first: 101) { totalCount } }`, /`first`.*0 and 100/],
    ["last: 101", `{ chapters(last: 101) { totalCount } }`, /`last`.*0 and 100/],
    ["first: -5", `{ chapters(first: -5) { totalCount } }`, /`first`.*-5/],
    ["first and last", `{ chapters(first: 1, last: 1) { totalCount } }`, /either `first` or `last`/],
    ["after: \"abc\"", `{ chapters(after: "abc") { totalCount } }`, /not a valid cursor/],
    ["first: \"ten\"", `{ chapters(first: "ten") { totalCount } }`, /Int/],
  ])("refuses %s", async (_, query, message) => {
    expect((await badUserInput(query)).message).toMatch(message);
  });
});

describe("membership history(from, to)", () => {
  it("refuses from after to, saying which must come first", async () => {
    const error = await badUserInput(`{ chapter(slug: "benin") { membership { history(from: "2025-01-01", to: "2024-01-01") { date } } } }`);
    expect(error.message).toMatch(/`from`/);
    expect(error.message).toMatch(/`to`/);
  });

  it("accepts from equal to to (one day, both included)", async () => {
    const result = await h.run(`{ chapter(slug: "benin") { membership { history(from: "2024-01-01", to: "2024-01-01") { date } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.chapter.membership.history).toEqual([{ date: "2024-01-01" }]);
  });

  it.each(["2024-13-01", "2024-02-30", "yesterday", "2024-1-1"])('refuses the malformed date "%s", naming the Date type', async (date) => {
    const error = await badUserInput(`query($d: Date) { chapter(slug: "benin") { membership { history(from: $d) { date } } } }`, { d: date });
    expect(error.message).toMatch(/Date/);
  });
});

describe("awards(year)", () => {
  it("refuses year 3000, giving the allowed range", async () => {
    const error = await badUserInput(`{ awards(year: 3000) { name } }`);
    expect(error.message).toMatch(/`year`/);
    expect(error.message).toMatch(/1900 and 2100/);
    expect(error.message).toMatch(/3000/);
  });

  it("refuses a year before 1900, and a bad year on recipients too", async () => {
    expect((await badUserInput(`{ awards(year: 1899) { name } }`)).message).toMatch(/1900 and 2100/);
    expect((await badUserInput(`{ awards { recipients(year: 3000) { year } } }`)).message).toMatch(/1900 and 2100/);
  });

  it("accepts the bounds of the range", async () => {
    const result = await h.run(`{ a: awards(year: 1900) { name } b: awards(year: 2100) { name } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ a: [], b: [] });
  });
});

describe("other argument mistakes", () => {
  it("a missing required argument names it", async () => {
    const error = await badUserInput(`{ chapter { name } }`);
    expect(error.message).toMatch(/slug/);
  });

  it("a wrong type in an input object names the expected type", async () => {
    expect((await badUserInput(`{ chapters(filter: { country: 5 }) { totalCount } }`)).message).toMatch(/String/);
    expect((await badUserInput(`{ nodes(ids: [null]) { id } }`)).message).toMatch(/ID!/);
  });

  // A value is bad input whether it is written in the query or sent as a variable:
  // clients should see one code for "fix your arguments".
  describe("the same code for a value in a literal as in a variable", () => {
    it("memberTotals(at) refuses a malformed date in a variable", async () => {
      const error = await badUserInput(`query($at: Date) { region(slug: "africa") { memberTotals(at: $at) { chapterCount } } }`, { at: "30/06/2020" });
      expect(error.message).toMatch(/Date/);
      expect(error.message).toMatch(/30\/06\/2020/);
    });

    it("memberTotals(at) refuses a malformed date literal", async () => {
      const error = await badUserInput(`{ region(slug: "africa") { memberTotals(at: "30/06/2020") { chapterCount } } }`);
      expect(error.message).toMatch(/Date/);
      expect(error.message).toMatch(/30\/06\/2020/);
    });

    it("history(from) refuses a malformed date literal", async () => {
      const error = await badUserInput(`{ chapter(slug: "benin") { membership { history(from: "2024-13-01") { date } } } }`);
      expect(error.message).toMatch(/2024-13-01/);
    });

    it("orderBy without its required direction, in a variable, names the missing field", async () => {
      const error = await badUserInput(`query($o: ChapterOrder) { chapters(orderBy: $o) { totalCount } }`, { o: { field: "SLUG" } });
      expect(error.message).toMatch(/direction/);
    });

    it("orderBy without its required direction, as a literal, names the missing field", async () => {
      const error = await badUserInput(`{ chapters(orderBy: { field: SLUG }) { totalCount } }`);
      expect(error.message).toMatch(/direction/);
    });
  });
});

describe("errors that are not ours", () => {
  const DATABASE_TEXT = 'invalid input syntax for type integer: "1.5"';
  /** A context whose every statement fails as PostgreSQL fails on a value it cannot read. */
  const failingContext = (requestId?: string): Context => {
    const sql = new Proxy({} as SqlClient, {
      get: () => async () => {
        throw Object.assign(new Error(DATABASE_TEXT), { code: "22P02" });
      },
    });
    return {
      sql,
      dataSource: h.dataSource,
      loaders: createLoaders(sql, visibilityOf(anonymousCaller("test"))),
      caller: anonymousCaller("test"),
      visibility: visibilityOf(anonymousCaller("test")),
      ...(requestId ? { request: { id: requestId, statements: { statements: 0 } } } : {}),
    };
  };
  const apollo = createApolloServer([], { budgets: testBudgets() });

  async function run(query: string, contextValue: Context) {
    const response = await apollo.executeOperation({ query }, { contextValue });
    if (response.body.kind !== "single") throw new Error("expected a single result");
    return response.body.singleResult;
  }

  it("answer INTERNAL_SERVER_ERROR with a generic message and the request id, never the database's text, and are logged with that id", async () => {
    const logged = jest.spyOn(logger, "error").mockImplementation(() => undefined);
    try {
      const result = await run(`{ chapter(slug: "benin") { name } }`, failingContext("req-13"));
      expect(result.errors).toHaveLength(1);
      const [error] = result.errors!;
      expect(error.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", requestId: "req-13" });
      expect(error.message).toMatch(/^Internal server error \(request req-13\)/);
      expect(error.path).toEqual(["chapter"]);
      expect(JSON.stringify(result)).not.toContain("invalid input syntax");
      expect(logged).toHaveBeenCalledTimes(1);
      const [fields] = logged.mock.calls[0] as unknown as [{ requestId: string; err: Error }];
      expect(fields.requestId).toBe("req-13");
      expect(fields.err.message).toBe(DATABASE_TEXT);
    } finally {
      logged.mockRestore();
    }
  });

  it("stay generic without a request id (in-process operations)", async () => {
    const logged = jest.spyOn(logger, "error").mockImplementation(() => undefined);
    try {
      const result = await run(`{ chapter(slug: "benin") { name } }`, failingContext());
      expect(result.errors![0].extensions).toEqual({ code: "INTERNAL_SERVER_ERROR" });
      expect(result.errors![0].message).not.toContain("invalid input");
      expect(logged).toHaveBeenCalledTimes(1);
    } finally {
      logged.mockRestore();
    }
  });

  it("leave our own codes and messages as they are, and log nothing", async () => {
    const logged = jest.spyOn(logger, "error").mockImplementation(() => undefined);
    try {
      const error = await badUserInput(`{ chapters(first: 101) { totalCount } }`);
      expect(error.message).toMatch(/`first`/);
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });
});

describe("strings PostgreSQL cannot hold", () => {
  it.each([
    ["chapter(slug:)", `query($v: String!) { chapter(slug: $v) { name } }`],
    ["region(slug:)", `query($v: String!) { region(slug: $v) { name } }`],
    ["programme(slug:)", `query($v: String!) { programme(slug: $v) { name } }`],
    ["programmes(area:)", `query($v: String) { programmes(area: $v) { name } }`],
    ["node(id:)", `query($v: ID!) { node(id: $v) { id } }`],
    ["chapters(after:)", `query($v: String) { chapters(after: $v) { totalCount } }`],
  ])("are refused in %s, naming the variable, before any SQL", async (_, query) => {
    for (const value of ["a\u0000b", "a\ud800b", "\udfff"]) {
      const result = await h.run(query, { v: value });
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", variableName: "v" });
      expect(result.errors![0].message).toMatch(/variable "\$v" holds (a NUL|an unpaired surrogate)/);
      expect(result.statements).toBe(0);
    }
  });

  it("are refused in a literal, naming the argument down to the input field", async () => {
    const error = await badUserInput(`{ chapters(filter: { search: "a\\u0000" }) { totalCount } }`);
    expect(error.message).toMatch(/argument "filter\.search" holds a NUL/);
    expect(error.extensions?.argumentName).toBe("filter");
  });

  it("leave well-formed text alone: a surrogate pair (an emoji) is a character like any other", async () => {
    const result = await h.run(`query($s: String) { chapters(filter: { search: $s }) { totalCount } }`, { s: "\ud83d\ude00" });
    expect(result.errors).toBeUndefined();
    expect(result.data!.chapters.totalCount).toBe(0);
  });
});
