/**
 * Global IDs and cursors: round trips, and every kind of misuse refused with
 * a BAD_USER_INPUT error that names the argument.
 */
import { GraphQLError } from "graphql";
import { decodeCursor, encodeCursor } from "../../../src/graphql/relay/cursor";
import { fromGlobalId, toGlobalId } from "../../../src/graphql/relay/global-id";
import { buildConnection, parsePageRequest } from "../../../src/graphql/relay/connection";

function badInput(fn: () => unknown, argumentName: string): GraphQLError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(GraphQLError);
  expect((caught as GraphQLError).extensions).toEqual({ code: "BAD_USER_INPUT", argumentName });
  return caught as GraphQLError;
}

describe("global IDs", () => {
  it("round-trip type and key", () => {
    expect(fromGlobalId(toGlobalId("Chapter", 42))).toEqual({ type: "Chapter", key: "42" });
    expect(fromGlobalId(toGlobalId("Country", "BJ"))).toEqual({ type: "Country", key: "BJ" });
  });

  it("are opaque: no type name readable in the ID", () => {
    expect(toGlobalId("Chapter", 1)).not.toContain("Chapter");
  });

  it.each([
    ["empty", ""],
    ["not base64url", "%%%"],
    ["no separator", Buffer.from("Chapter42").toString("base64url")],
    ["empty key", Buffer.from("Chapter:").toString("base64url")],
    ["two separators", Buffer.from("Chapter:1:2").toString("base64url")],
    ["very long", "A".repeat(10_000)],
  ])("refuses an ID that is %s", (_, id) => {
    const error = badInput(() => fromGlobalId(id, "id"), "id");
    expect(error.message).toMatch(/not a valid ID/);
    expect(error.message.length).toBeLessThan(300);
  });
});

describe("cursors", () => {
  it("round-trip their values", () => {
    expect(decodeCursor(encodeCursor("name:ASC", ["Benin Chapter", 1]), "after", "name:ASC", ["string", "number"])).toEqual(["Benin Chapter", 1]);
  });

  it.each([
    ["garbage", "abc"],
    ["JSON of another shape", Buffer.from(JSON.stringify({ a: 1 })).toString("base64url")],
    ["another version", Buffer.from(JSON.stringify(["c0", "name:ASC", "x", 1])).toString("base64url")],
    ["wrong value types", encodeCursor("name:ASC", [1, "x"])],
    ["too few values", encodeCursor("name:ASC", ["x"])],
    ["made for another ordering", encodeCursor("slug:DESC", ["x", 1])],
    ["very long", "A".repeat(5_000)],
  ])("refuses a cursor that is %s", (_, cursor) => {
    badInput(() => decodeCursor(cursor, "after", "name:ASC", ["string", "number"]), "after");
  });
});

describe("page requests", () => {
  it("default to the first 20", () => {
    expect(parsePageRequest({}, "name:ASC", ["string", "number"])).toEqual({ ordering: "name:ASC", forward: true, limit: 20, after: null, before: null });
  });

  it.each([
    [{ first: 101 }, "first"],
    [{ first: -1 }, "first"],
    [{ last: 101 }, "last"],
    [{ first: 1, last: 1 }, "last"],
  ])("refuses %j", (args, argumentName) => {
    badInput(() => parsePageRequest(args, "name:ASC", ["string", "number"]), argumentName);
  });
});

describe("buildConnection", () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ n: i }));
  const cursorOf = (row: { n: number }) => ["", row.n];

  it("uses the extra row only to say that more follow", () => {
    const page = parsePageRequest({ first: 2 }, "name:ASC", ["string", "number"]);
    const connection = buildConnection(rows(3), page, { total: 5, afterCount: 5, beforeCount: 5 }, cursorOf);
    expect(connection.nodes).toEqual([{ n: 0 }, { n: 1 }]);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it("puts a backward page back into order", () => {
    const page = parsePageRequest({ last: 2 }, "name:ASC", ["string", "number"]);
    const connection = buildConnection([{ n: 4 }, { n: 3 }, { n: 2 }], page, { total: 5, afterCount: 5, beforeCount: 5 }, cursorOf);
    expect(connection.nodes).toEqual([{ n: 3 }, { n: 4 }]);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it("gives null cursors on an empty page", () => {
    const page = parsePageRequest({ first: 0 }, "name:ASC", ["string", "number"]);
    const connection = buildConnection([{ n: 0 }], page, { total: 5, afterCount: 5, beforeCount: 5 }, cursorOf);
    expect(connection.edges).toEqual([]);
    expect(connection.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null });
  });
});
