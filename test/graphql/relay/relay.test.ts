/**
 * Global IDs and cursors: round trips, and every kind of misuse refused with
 * a BAD_USER_INPUT error that names the argument.
 */
import { GraphQLError } from "graphql";
import { decodeCursor, encodeCursor, filterFingerprint } from "../../../src/graphql/relay/cursor";
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
  const africa = filterFingerprint({ regionSlug: "africa" });
  const columns = ["text", "int4"] as const;
  const decode = (cursor: string) => decodeCursor(cursor, "after", "name:ASC", africa, [...columns]);
  /** A cursor of the right version, ordering and filter holding these values, as a forger would make it. */
  const forged = (...values: unknown[]) => Buffer.from(JSON.stringify(["c2", "name:ASC", africa, ...values])).toString("base64url");

  it("round-trip their values", () => {
    expect(decode(encodeCursor("name:ASC", africa, ["Benin Chapter", 1]))).toEqual(["Benin Chapter", 1]);
    expect(decode(forged("x", 2147483647))).toEqual(["x", 2147483647]);
    expect(decode(forged("x", -2147483648))).toEqual(["x", -2147483648]);
  });

  it.each([
    ["garbage", "abc"],
    ["JSON of another shape", Buffer.from(JSON.stringify({ a: 1 })).toString("base64url")],
    ["another version", Buffer.from(JSON.stringify(["c1", "name:ASC", "x", 1])).toString("base64url")],
    ["wrong value types", encodeCursor("name:ASC", africa, [1, "x"])],
    ["too few values", encodeCursor("name:ASC", africa, ["x"])],
    ["made for another ordering", encodeCursor("slug:DESC", africa, ["x", 1])],
    ["very long", "A".repeat(5_000)],
    ["holding a non-integer id", forged("Kenya", 1.5)],
    ["holding an id of 1e12", forged("Kenya", 1e12)],
    ["holding an id just over int4", forged("Kenya", 2147483648)],
    ["holding an id just under int4", forged("Kenya", -2147483649)],
    ["holding a NUL in its text", forged("Ken\u0000ya", 1)],
    ["holding an unpaired surrogate in its text", forged("Ken\ud800ya", 1)],
    ["without a fingerprint", forged("Kenya")],
  ])("refuses a cursor that is %s", (_, cursor) => {
    expect(badInput(() => decode(cursor), "after").message).toMatch(/not a valid cursor/);
  });

  it("refuses a cursor made under another filter, saying so", () => {
    const cursor = encodeCursor("name:ASC", filterFingerprint({}), ["Kenya", 1]);
    expect(badInput(() => decode(cursor), "after").message).toMatch(/another filter/);
  });

  it("fingerprint conditions whatever the order of their keys, with absent and null alike", () => {
    expect(filterFingerprint({ kind: "chapter", regionSlug: "africa" })).toBe(filterFingerprint({ regionSlug: "africa", kind: "chapter", since: undefined, region: null }));
    expect(filterFingerprint({ regionSlug: "africa" })).not.toBe(filterFingerprint({ regionSlug: "europe" }));
    expect(filterFingerprint({ since: "2025-01-01T00:00:00.000Z" })).not.toBe(filterFingerprint({}));
  });
});

describe("page requests", () => {
  it("default to the first 20", () => {
    expect(parsePageRequest({}, "name:ASC", ["text", "int4"], {})).toEqual({ ordering: "name:ASC", fingerprint: filterFingerprint({}), forward: true, limit: 20, after: null, before: null });
  });

  it.each([
    [{ first: 101 }, "first"],
    [{ first: -1 }, "first"],
    [{ last: 101 }, "last"],
    [{ first: 1, last: 1 }, "last"],
  ])("refuses %j", (args, argumentName) => {
    badInput(() => parsePageRequest(args, "name:ASC", ["text", "int4"], {}), argumentName);
  });
});

describe("buildConnection", () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ n: i }));
  const cursorOf = (row: { n: number }) => ["", row.n];

  it("uses the extra row only to say that more follow", () => {
    const page = parsePageRequest({ first: 2 }, "name:ASC", ["text", "int4"], {});
    const connection = buildConnection(rows(3), page, { total: 5, afterCount: 5, beforeCount: 5 }, cursorOf);
    expect(connection.nodes).toEqual([{ n: 0 }, { n: 1 }]);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it("puts a backward page back into order", () => {
    const page = parsePageRequest({ last: 2 }, "name:ASC", ["text", "int4"], {});
    const connection = buildConnection([{ n: 4 }, { n: 3 }, { n: 2 }], page, { total: 5, afterCount: 5, beforeCount: 5 }, cursorOf);
    expect(connection.nodes).toEqual([{ n: 3 }, { n: 4 }]);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it("gives null cursors on an empty page", () => {
    const page = parsePageRequest({ first: 0 }, "name:ASC", ["text", "int4"], {});
    const connection = buildConnection([{ n: 0 }], page, { total: 5, afterCount: 5, beforeCount: 5 }, cursorOf);
    expect(connection.edges).toEqual([]);
    expect(connection.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null });
  });
});
