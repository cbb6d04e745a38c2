/**
 * Connection cursors: opaque, base64url of a versioned JSON array holding the
 * ordering it was made for, a fingerprint of the connection's filter, then the
 * sort value and the row id of an edge. Keyset pagination on (sort value, id)
 * means a page does not shift when rows are added before it, unlike offsets.
 *
 * Everything is checked on the way back, before any SQL is sent: the ordering
 * (a name-order cursor means nothing in slug order), the filter (a cursor of
 * the African chapters would silently page through all chapters), and each
 * value against the type of the column it is compared with — an id must be an
 * integer PostgreSQL's `int` can hold, a text must be storable — so a forged
 * cursor is a client error, never a database error.
 */
import { createHash } from "node:crypto";
import { badUserInput } from "../errors";
import { unstorableCharacter } from "../string-input";

const VERSION = "c2";

import type { CursorValue } from "../../model/page";

export type { CursorValue };

/** The column types cursor values are compared with in SQL. */
export type CursorColumn = "text" | "int4";

const INT4_MIN = -2147483648;
const INT4_MAX = 2147483647;

const fitsColumn: Record<CursorColumn, (value: unknown) => boolean> = {
  text: (value) => typeof value === "string" && unstorableCharacter(value) === null,
  int4: (value) => Number.isInteger(value) && (value as number) >= INT4_MIN && (value as number) <= INT4_MAX,
};

/**
 * A short, stable digest of what selects a connection's rows (its filter,
 * `since`, the parent it hangs from): equal conditions give equal fingerprints
 * whatever the order of their keys; absent and null conditions are the same.
 */
export function filterFingerprint(conditions: object): string {
  const canonical = (value: unknown): unknown =>
    value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date)
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([, v]) => v !== undefined && v !== null)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, v]) => [k, canonical(v)]),
        )
      : value;
  return createHash("sha256").update(JSON.stringify(canonical(conditions))).digest("base64url").slice(0, 12);
}

/** `ordering` names the connection's ordering (e.g. "name:ASC"), `fingerprint` its filter; `values` are the edge's keyset values. */
export function encodeCursor(ordering: string, fingerprint: string, values: CursorValue[]): string {
  return Buffer.from(JSON.stringify([VERSION, ordering, fingerprint, ...values]), "utf8").toString("base64url");
}

/**
 * Decodes a cursor made by `encodeCursor` for the same ordering and filter,
 * whose values fit `columns`, or throws BAD_USER_INPUT naming the argument.
 */
export function decodeCursor(cursor: string, argumentName: string, ordering: string, fingerprint: string, columns: CursorColumn[]): CursorValue[] {
  let parsed: unknown;
  try {
    parsed = /^[A-Za-z0-9_-]{1,1000}$/.test(cursor) ? JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) : undefined;
  } catch {
    parsed = undefined;
  }
  const shown = cursor.slice(0, 100);
  const wellFormed =
    Array.isArray(parsed) &&
    parsed[0] === VERSION &&
    parsed[1] === ordering &&
    typeof parsed[2] === "string" &&
    parsed.length === columns.length + 3 &&
    columns.every((column, i) => fitsColumn[column](parsed[i + 3]));
  if (!wellFormed) {
    throw badUserInput(`"${shown}" is not a valid cursor for this connection and ordering; pass a \`cursor\` or \`pageInfo\` value from the same query.`, argumentName);
  }
  const [, , madeUnder, ...values] = parsed as [string, string, string, ...CursorValue[]];
  if (madeUnder !== fingerprint) {
    throw badUserInput(
      `The cursor "${shown}" was made under another filter (or \`since\`); pass the same filter and \`since\` as the query that returned it, or start again without \`${argumentName}\`.`,
      argumentName,
    );
  }
  return values;
}
