/**
 * Opaque global IDs (the Relay Node convention, as GitHub's API uses them):
 * base64url of "Type:key". Clients must treat them as opaque; the server can
 * tell from one ID which type and row it names, which is what `node(id)` needs.
 */
import { badUserInput } from "../errors";

export interface GlobalId {
  type: string;
  key: string;
}

export function toGlobalId(type: string, key: string | number): string {
  return Buffer.from(`${type}:${key}`, "utf8").toString("base64url");
}

/**
 * The row id a global ID's key names, for the types keyed by an integer id;
 * null when the key is not a positive PostgreSQL `int` (no row has it, and it
 * must never reach SQL as a number out of range).
 */
export function rowIdOf(key: string): number | null {
  return /^[1-9]\d{0,9}$/.test(key) && Number(key) <= 2147483647 ? Number(key) : null;
}

/** Decodes an ID, or throws BAD_USER_INPUT naming the argument. */
export function fromGlobalId(id: string, argumentName = "id"): GlobalId {
  const decoded = /^[A-Za-z0-9_-]{1,200}$/.test(id) ? Buffer.from(id, "base64url").toString("utf8") : "";
  const match = /^([A-Za-z]+):([^:]+)$/.exec(decoded);
  if (!match) {
    throw badUserInput(`"${id.slice(0, 100)}" is not a valid ID; pass an \`id\` value returned by this API.`, argumentName);
  }
  return { type: match[1], key: match[2] };
}
