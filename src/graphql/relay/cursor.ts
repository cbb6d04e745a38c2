/**
 * Connection cursors: opaque, base64url of a versioned JSON array holding the
 * sort value and the row id of an edge. Keyset pagination on (sort value, id)
 * means a page does not shift when rows are added before it, unlike offsets.
 */
import { badUserInput } from "../errors";

const VERSION = "c1";

export type CursorValue = string | number;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify([VERSION, ...values]), "utf8").toString("base64url");
}

/** Decodes a cursor made by `encodeCursor` for the same ordering, or throws BAD_USER_INPUT. */
export function decodeCursor(cursor: string, argumentName: string, shape: ("string" | "number")[]): CursorValue[] {
  let parsed: unknown;
  try {
    parsed = /^[A-Za-z0-9_-]{1,1000}$/.test(cursor) ? JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) : undefined;
  } catch {
    parsed = undefined;
  }
  const valid =
    Array.isArray(parsed) &&
    parsed[0] === VERSION &&
    parsed.length === shape.length + 1 &&
    shape.every((type, i) => typeof parsed[i + 1] === type);
  if (!valid) {
    throw badUserInput(
      `"${cursor.slice(0, 100)}" is not a valid cursor for this connection and ordering; pass a \`cursor\` or \`pageInfo\` value from the same query.`,
      argumentName,
    );
  }
  return (parsed as CursorValue[]).slice(1);
}
