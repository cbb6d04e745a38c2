/**
 * Express middleware that works out the caller of every request from its
 * `Authorization` header: none is anonymous; `Bearer <key>` must name an
 * active key. A key that is malformed, unknown or revoked is refused with 401
 * and UNAUTHENTICATED before anything else runs — never quietly served as
 * anonymous, so a client whose key was revoked finds out at once.
 */
import type { NextFunction, Request, Response } from "express";
import { hashKey, isWellFormedKey } from "../auth/api-key";
import { anonymousCaller, type Caller } from "../auth/caller";
import type { SqlClient } from "../db/sql";
import { apiKeyRepository } from "../repositories/api-key.repository";

/** The caller `authenticate` found for this request (anonymous when it did not run, as in-process tests). */
export function callerOf(req: Request, res: Response): Caller {
  return (res.locals.caller as Caller | undefined) ?? anonymousCaller(clientIp(req));
}

/** The client's address: Express reads X-Forwarded-For only when "trust proxy" says the proxy in front is trusted. */
function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? "unknown";
}

function refuse(res: Response, message: string): void {
  res
    .status(401)
    .set("WWW-Authenticate", 'Bearer realm="isoc-open-data-api"')
    .set("Cache-Control", "no-store")
    .json({ errors: [{ message, extensions: { code: "UNAUTHENTICATED" } }] });
}

export function authenticate(sql: SqlClient) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.headers.authorization;
    if (header === undefined) {
      res.locals.caller = anonymousCaller(clientIp(req));
      return next();
    }
    const match = /^Bearer[ ]+(\S+)$/i.exec(header.trim());
    if (!match) return refuse(res, 'The Authorization header must be "Bearer <key>"; send no Authorization header to read anonymously.');
    if (!isWellFormedKey(match[1])) return refuse(res, "This is not an API key of this service (keys start with isoc_).");
    try {
      // On the primary: a key revoked a moment ago must not work on a replica that has not caught up.
      const key = await apiKeyRepository.activeByHash(sql.primary(), hashKey(match[1]));
      if (!key) return refuse(res, "This API key is unknown or has been revoked.");
      res.locals.caller = { role: key.role, key: { id: key.id, name: key.name }, ip: clientIp(req) } satisfies Caller;
      next();
    } catch (error) {
      next(error);
    }
  };
}
