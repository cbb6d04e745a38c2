/**
 * What the server learns about one HTTP request while serving it, for its log
 * line and metrics: its id, the GraphQL operation, the outcome and the SQL
 * statements it sent.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Request, Response } from "express";
import type { StatementCount } from "../db/sql";

export interface RequestInfo {
  id: string;
  statements: StatementCount;
  operation?: string | null;
  outcome?: "success" | "error";
}

/** A client's X-Request-Id is kept when it is a plain token (so it can be traced across services), else one is made. */
const CLIENT_REQUEST_ID = /^[\w.:-]{1,128}$/;

export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
}

/** The request's info, made on first use and kept on `res.locals`. */
export function requestInfo(req: Request, res: Response): RequestInfo {
  // pino-http has already given the request its id (see src/http/app.ts).
  const id = (req as IncomingMessage & { id?: unknown }).id;
  res.locals.requestInfo ??= { id: id ? String(id) : requestIdOf(req), statements: { statements: 0 } } satisfies RequestInfo;
  return res.locals.requestInfo as RequestInfo;
}

/**
 * The message of a request's log line, readable on its own in a terminal:
 * `POST /graphql 200 in 12 ms: Listing, 3 SQL statements`. The same facts stay
 * fields of the JSON line for log collectors.
 */
export function requestMessage(req: IncomingMessage, res: { statusCode: number; locals?: Record<string, unknown> }, responseTime?: number): string {
  const info = res.locals?.requestInfo as RequestInfo | undefined;
  const operation = info?.operation ? `: ${info.operation}, ${info.statements.statements} SQL statement${info.statements.statements === 1 ? "" : "s"}` : "";
  // Express rewrites req.url inside a mounted router (/graphql → /); originalUrl keeps the path asked for.
  const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? "";
  return `${req.method} ${url.split("?")[0]} ${res.statusCode}${responseTime === undefined ? "" : ` in ${Math.round(responseTime)} ms`}${operation}`;
}
