/**
 * GET /export/{table}.{format}: a whole table, filtered by query parameters,
 * streamed from a database cursor as CSV, JSON, NDJSON or Parquet (src/export/). A bad
 * table, format or filter is answered 400 with `{ error: { code, message } }`
 * before any SQL is sent. Every export spends EXPORT_COST points of the
 * caller's budget (the GraphQL budget: one per client, whatever it asks through),
 * and is refused with 429 when too few are left.
 */
import { Router, type Request, type Response } from "express";
import { DatabaseUnavailableError } from "../db/errors";
import type { SqlClient } from "../db/sql";
import { EXPORT_FORMATS, EXPORT_FORMAT_NAMES } from "../export/formats";
import { checkNamedFilters, ExportRequestError, parseExportRequest } from "../export/request";
import { streamExport } from "../export/stream";
import { DATA_LICENCE_LINK } from "../licensing/data-licence";
import { logger } from "../observability/logger";
import { budgetHeaders, type Budgets } from "../rate-limit/budgets";
import { callerOf } from "./authenticate";

/**
 * What an export costs: a whole table is as much work as a large query (it
 * streams from a cursor in constant memory, but holds a connection while it does).
 */
export const EXPORT_COST = 20_000;

function answerError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/** The export routes, reading through `sql`'s pool (each download holds one connection while it streams). */
export function exportRoutes(sql: SqlClient, budgets: Budgets): Router {
  const router = Router();

  router.get("/export/:table.:format", async (req: Request<{ table: string; format: string }>, res) => {
    let request;
    try {
      request = parseExportRequest(req.params.table, req.params.format, req.query as Record<string, unknown>);
      await checkNamedFilters(sql, request);
    } catch (error) {
      if (error instanceof ExportRequestError) return answerError(res, 400, error.code, error.message);
      throw error;
    }
    const charge = await budgets.charge(callerOf(req, res), EXPORT_COST);
    for (const [name, value] of budgetHeaders(charge.state)) res.setHeader(name, value);
    if (!charge.allowed) {
      res.setHeader("Retry-After", String(charge.retryAfterSeconds));
      return answerError(res, 429, "RATE_LIMITED", `Rate limit exceeded: an export costs ${EXPORT_COST} points and ${charge.leftBefore} were left. Retry after ${charge.retryAfterSeconds} s.`);
    }
    res.setHeader("Content-Type", EXPORT_FORMATS[request.format].contentType);
    // The file name is the table's, which is also how `npm run import` tells what a file holds.
    res.setHeader("Content-Disposition", `attachment; filename="${request.table}.${request.format}"`);
    res.setHeader("X-Content-Type-Options", "nosniff");
    // The licence, in the one place every format has: a CSV preamble would break CSV readers, and a JSON
    // envelope would change the array clients and `npm run import` read. Parquet also carries it inside.
    res.setHeader("Link", DATA_LICENCE_LINK);
    try {
      await streamExport(sql, request, res);
    } catch (error) {
      if (res.headersSent) {
        // Part of the body has gone: cutting the connection is the only way left to say the file is incomplete.
        if (!res.destroyed) logger.error({ err: error, table: request.table }, "export failed while streaming");
        res.destroy();
        return;
      }
      res.removeHeader("Content-Disposition");
      if (error instanceof DatabaseUnavailableError) return answerError(res, 503, "SERVICE_UNAVAILABLE", error.message);
      logger.error({ err: error, table: request.table }, "export failed");
      answerError(res, 500, "INTERNAL_SERVER_ERROR", "Internal server error");
    }
  });

  router.get("/export/:name", (req: Request<{ name: string }>, res) => {
    const names = EXPORT_FORMAT_NAMES.map((format) => `/export/${req.params.name}.${format}`).join(", ");
    answerError(res, 400, "UNKNOWN_FORMAT", `Name a format after the table: ${names}.`);
  });

  return router;
}
