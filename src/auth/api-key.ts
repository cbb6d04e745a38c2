/**
 * API keys as clients hold them: `isoc_` and 43 characters of base64url (256
 * random bits). Only their SHA-256 is stored. A fast hash is enough here
 * because the keys are random, not chosen by people: there is no dictionary
 * to try, and a slow hash would cost every authenticated request its time.
 */
import { createHash, randomBytes } from "node:crypto";

const KEY_PREFIX = "isoc_";
const KEY_PATTERN = /^isoc_[A-Za-z0-9_-]{43}$/;

/** Characters of a key kept in the clear, so a listing can tell keys apart. */
const SHOWN_CHARACTERS = 12;

export interface NewKey {
  /** The key itself: shown once to whoever made it, never stored. */
  token: string;
  tokenHash: string;
  tokenPrefix: string;
}

/** Makes a new random key. */
export function generateKey(): NewKey {
  const token = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, tokenHash: hashKey(token), tokenPrefix: token.slice(0, SHOWN_CHARACTERS) };
}

/** The stored form of a key. */
export function hashKey(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Whether `token` has the shape of a key (checked before any lookup, so junk never reaches the database). */
export function isWellFormedKey(token: string): boolean {
  return KEY_PATTERN.test(token);
}
