/**
 * What the browser tests load pages from: the API, as partners reach it, and
 * a partner's site on another origin (another port of 127.0.0.1) that only
 * holds static pages.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { serveHttp, type Harness } from "../../support/harness";

export interface Served {
  /** Its origin, e.g. http://127.0.0.1:41234. */
  base: string;
  /** Stops answering: connections are refused from then on. */
  stop(): Promise<void>;
}

async function listen(app: express.Express): Promise<Served> {
  const server = await new Promise<http.Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The real API over `db`, as src/http/app.ts serves it (explorer and embed included). */
export async function serveApi(db: Pick<Harness, "sql" | "dataSource">): Promise<Served> {
  const { base, server } = await serveHttp(db);
  return { base, stop: () => server.stop() };
}

export interface PartnerSite extends Served {
  /** Publishes a page with this body and returns its URL. */
  page(body: string): string;
}

/** A partner's site: static pages on an origin of their own, nothing else. */
export async function servePartnerSite(): Promise<PartnerSite> {
  const bodies: string[] = [];
  const app = express();
  app.get("/pages/:number", (req, res) => {
    const body = bodies[Number(req.params.number)];
    if (body === undefined) return res.sendStatus(404);
    res.type("html").send(`<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>A partner's page</title></head><body>${body}</body></html>`);
  });
  const served = await listen(app);
  return {
    ...served,
    page(body) {
      bodies.push(body);
      return `${served.base}/pages/${bodies.length - 1}`;
    },
  };
}
