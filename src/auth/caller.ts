/**
 * Who is calling: anonymous (known by IP address), or the holder of an API key
 * with a role. Roles are ordered: each can do what the ones before it can.
 *
 *   anonymous — reads, with the public budget;
 *   reader    — reads, with a larger budget;
 *   editor    — also changes data (mutations), and sees archived records;
 *   admin     — also reads the audit log.
 */
import { GraphQLError } from "graphql";
import { API_KEY_ROLES, type ApiKeyRole } from "../entities/api-key.entity";
import { ErrorCode } from "../graphql/errors";
import type { Visibility } from "../repositories/visibility";

export type Role = "anonymous" | ApiKeyRole;

export const ROLES: readonly Role[] = ["anonymous", ...API_KEY_ROLES];

export interface Caller {
  role: Role;
  /** The key's id and name; null for anonymous callers. */
  key: { id: number; name: string } | null;
  /** The client's address (from X-Forwarded-For only behind a trusted proxy): what anonymous budgets are kept by. */
  ip: string;
}

/** Whether `caller` may do what `role` may. */
export function hasRole(caller: Caller, role: Role): boolean {
  return ROLES.indexOf(caller.role) >= ROLES.indexOf(role);
}

/**
 * What the caller may see, decided once per request: archived records (and
 * what hangs off them) are for editors and above only; everyone else sees
 * current ones (src/repositories/visibility.ts).
 */
export function visibilityOf(caller: Caller): Visibility {
  return hasRole(caller, "editor") ? "editor" : "public";
}

export const anonymousCaller = (ip: string): Caller => ({ role: "anonymous", key: null, ip });

/**
 * Refuses the operation unless the caller has `role`: UNAUTHENTICATED for
 * anonymous callers (send a key), FORBIDDEN for a key whose role is too low
 * (another key is needed). Called before anything is read or written.
 */
export function requireRole(caller: Caller, role: Role, what: string): void {
  if (hasRole(caller, role)) return;
  if (caller.role === "anonymous") {
    throw new GraphQLError(`${what} needs an API key with the ${role} role, sent as "Authorization: Bearer <key>".`, {
      extensions: { code: ErrorCode.UNAUTHENTICATED, requiredRole: role },
    });
  }
  throw new GraphQLError(`${what} needs the ${role} role; the key "${caller.key!.name}" has the ${caller.role} role.`, {
    extensions: { code: ErrorCode.FORBIDDEN, requiredRole: role, role: caller.role },
  });
}
