/**
 * Published data releases (src/release/), served as the static, immutable
 * files they are:
 *
 *   GET /releases                          every release, newest first (JSON)
 *   GET /releases/{id}                     one release (JSON)
 *   GET /releases/{id}/datapackage.json    its Frictionless descriptor
 *   GET /releases/{id}/{file}              one of its CSV or Parquet files
 *
 * A release never changes, so its files are cacheable for a year
 * (`immutable`), their ETag is their SHA-256 (as the data package states it),
 * and range requests let a download resume. `no-transform` keeps compression
 * (and any proxy) from changing bytes whose checksum is published. An unknown
 * release or file is answered 404 with what exists. Reading a file costs no
 * database work, so no budget is charged.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import { Router, type Request, type Response } from "express";
import { DATA_LICENCE_LINK } from "../licensing/data-licence";
import { summaryOf } from "../release/catalog";
import { ReleaseError, type ReleaseStore } from "../release/store";

const IMMUTABLE = "public, max-age=31536000, immutable, no-transform";
/** The list changes when a release is published: revalidate it often. */
const LIST_CACHE = "public, max-age=60";

function answerError(res: Response, error: unknown): void {
  if (!(error instanceof ReleaseError)) throw error;
  res.status(error.code === "NOT_FOUND" ? 404 : 400).json({ error: { code: error.code, message: error.message } });
}

/** The release routes over `store`; links start with `baseUrl` (PUBLIC_URL, or "" for root-relative links). */
export function releaseRoutes({ store, baseUrl }: { store: ReleaseStore; baseUrl: string }): Router {
  const router = Router();

  router.get("/releases", (_req, res) => {
    res.setHeader("Cache-Control", LIST_CACHE);
    res.json({ releases: store.list().map((release) => summaryOf(release, baseUrl)) });
  });

  router.get("/releases/:id", (req: Request<{ id: string }>, res) => {
    try {
      const release = store.get(req.params.id);
      res.setHeader("Cache-Control", IMMUTABLE);
      res.json(summaryOf(release, baseUrl));
    } catch (error) {
      answerError(res, error);
    }
  });

  router.get("/releases/:id/:file", (req: Request<{ id: string; file: string }>, res, next) => {
    let file;
    try {
      file = store.filePath(req.params.id, req.params.file);
    } catch (error) {
      return answerError(res, error);
    }
    // The descriptor's own checksum is not in it; it is small, and hashed here.
    const sha256 = file.resource ? file.resource.hash.replace(/^sha256:/, "") : createHash("sha256").update(fs.readFileSync(file.path)).digest("hex");
    res.setHeader("ETag", `"${sha256}"`);
    res.setHeader("Cache-Control", IMMUTABLE);
    res.setHeader("X-Content-Type-Options", "nosniff");
    // As every export: the licence (a file's own, where it differs, is in the descriptor's resource).
    res.setHeader("Link", DATA_LICENCE_LINK);
    if (file.resource) {
      res.setHeader("Content-Type", file.resource.format === "csv" ? "text/csv; charset=utf-8" : file.resource.mediatype);
      res.setHeader("Content-Disposition", `attachment; filename="${req.params.id}-${file.resource.path}"`);
    } else {
      res.setHeader("Content-Type", "application/json; charset=utf-8");
    }
    // send answers 304 to a matching If-None-Match, 206 to a Range, 412 to a failed If-Match, with the headers above.
    res.sendFile(file.path, { etag: false, lastModified: false, cacheControl: false, acceptRanges: true, dotfiles: "deny" }, (error) => {
      if (error && !res.headersSent) next(error);
    });
  });

  return router;
}
