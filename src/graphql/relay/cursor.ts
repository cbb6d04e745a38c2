/**
 * Connection cursors: opaque, base64url of a versioned JSON array holding the
 * ordering it was made for, then the sort value and the row id of an edge.
 * Keyset pagination on (sort value, id) means a page does not shift when rows
 * are added before it, unlike offsets. The ordering is checked on the way back:
 * a name-order cursor means nothing in slug order.
 */
import { badUserInput } from "../errors";

const VERSION = "c1";

import type { CursorValue } from "../../model/page";

export type { CursorValue };

/** `ordering` names the connection's ordering (e.g. "name:ASC"); `values` are the edge's keyset values. */
export function encodeCursor(ordering: string, values: CursorValue[]): string {
  return Buffer.from(JSON.stringify([VERSION, ordering, ...values]), "utf8").toString("base64url");
}

/** Decodes a cursor made by `encodeCursor` for the same ordering, or throws BAD_USER_INPUT. */
export function decodeCursor(cursor: string, argumentName: string, ordering: string, shape: ("string" | "number")[]): CursorValue[] {
  let parsed: unknown;
  try {
    parsed = /^[A-Za-z0-9_-]{1,1000}$/.test(cursor) ? JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) : undefined;
  } catch {
    parsed = undefined;
  }
  const valid =
    Array.isArray(parsed) &&
    parsed[0] === VERSION &&
    parsed[1] === ordering &&
    parsed.length === shape.length + 2 &&
    shape.every((type, i) => typeof parsed[i + 2] === type);
  if (!valid) {
    throw badUserInput(
      `"${cursor.slice(0, 100)}" is not a valid cursor for this connection and ordering; pass a \`cursor\` or \`pageInfo\` value from the same query.`,
      argumentName,
    );
  }
  return (parsed as CursorValue[]).slice(2);
}
