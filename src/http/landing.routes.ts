/**
 * `/`: the front door. A browser gets a page saying what this is and where
 * everything is (the explorer, the dashboard, the embed, the exports, the
 * sources and their licences); an API client (Accept: application/json, or
 * no preference, as curl sends) gets the same map as JSON. One URL, two
 * representations, so caches key on Accept.
 */
import { Router } from "express";
import { EXPORT_TABLE_NAMES } from "../export/tables";
import { DATA_LICENCE, DATA_LICENCE_STATEMENT } from "../licensing/data-licence";

/** The map of the API, as JSON clients have always read it. */
const ENTRY_POINTS = {
  name: "Internet Society open-data GraphQL API",
  graphql: "/graphql",
  export: "/export/{table}.{csv,json,ndjson,parquet}",
  releases: "/releases",
  embed: "/embed",
  dashboard: "/dashboard",
  health: "/healthz",
  readiness: "/readyz",
  metrics: "/metrics",
  license: { id: DATA_LICENCE.compilation.id, url: DATA_LICENCE.compilation.url, synthetic: DATA_LICENCE.synthetic.id, statement: DATA_LICENCE_STATEMENT },
};

const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const exportLinks = EXPORT_TABLE_NAMES.map((table) => `<li><code>${table}</code>: <a href="/export/${table}.csv">CSV</a> · <a href="/export/${table}.json">JSON</a> · <a href="/export/${table}.ndjson">NDJSON</a> · <a href="/export/${table}.parquet">Parquet</a></li>`).join("\n");

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Internet Society open data: GraphQL API</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5 }
  body { max-width: 46rem; margin: 2rem auto; padding: 0 1rem }
  h1 { font-size: 1.6rem; margin-bottom: .25rem } h2 { font-size: 1.15rem; margin-top: 1.75rem }
  .lead { margin-top: 0 } code { font-size: .95em }
  .synthetic { border: 1px dashed currentColor; border-radius: .25em; padding: 0 .3em; font-style: italic }
</style>
</head>
<body>
<h1>Internet Society open data</h1>
<p class="lead">A public, read-only GraphQL API about the Internet Society: its chapters and special interest
groups, membership counts over time, programmes, awards, principles and objectives. Every figure carries its
source; per-chapter membership counts are <span class="synthetic">synthetic</span> (generated, and marked so
wherever they appear). Not affiliated with or endorsed by the Internet Society.</p>

<h2>Explore</h2>
<ul>
<li><a href="/graphql">The explorer</a> (GraphiQL, with example queries): the same URL answers API clients at <code>POST /graphql</code> or <code>GET /graphql?query=…</code>.</li>
<li><a href="/dashboard">The dashboard</a>: members and chapters over time, by region.</li>
<li><a href="/embed">The embed</a>: a chapter list for your own site, as an element or an iframe, with a live preview.</li>
</ul>

<h2>Download</h2>
<p>Whole tables, each row with its source URL, the source's licence (SPDX identifier and note) and whether it is synthetic:</p>
<ul>
${exportLinks}
</ul>
<p>Fixed, citable versions of every table (CSV and Parquet, with a Frictionless <code>datapackage.json</code> and a
ready-made citation) are listed at <a href="/releases">/releases</a>.</p>

<h2>Licence of the data</h2>
<p>This project's compilation (its structure, its paraphrased evidence notes and the selection of facts with
their citations) is offered under the <a href="${DATA_LICENCE.compilation.url}" rel="license">${DATA_LICENCE.compilation.title}</a>
(<code>${DATA_LICENCE.compilation.id}</code>). ${DATA_LICENCE.attribution} The synthetic figures are under
<a href="${DATA_LICENCE.synthetic.url}" rel="license">${DATA_LICENCE.synthetic.title}</a> (<code>${DATA_LICENCE.synthetic.id}</code>).
${DATA_LICENCE.exception.text}</p>

<h2>Sources and their licences</h2>
<p>Every source the data cites, with its licence (an SPDX identifier where one applies, and a note), is in
<a href="/export/sources.csv">the sources table</a> (also <a href="/export/sources.json">as JSON</a>), and from
GraphQL as <code>sources</code>.</p>

<h2>For operators</h2>
<ul>
<li><a href="/healthz">/healthz</a> and <a href="/readyz">/readyz</a>: liveness and readiness.</li>
<li><a href="/metrics">/metrics</a>: Prometheus metrics.</li>
</ul>
</body>
</html>
`;

export function landingRoutes(): Router {
  const router = Router();
  router.get("/", (_req, res) => {
    res.vary("Accept");
    // JSON first: a client with no preference (curl's */*) gets the JSON it always got.
    res.format({
      "application/json": () => res.json(ENTRY_POINTS),
      "text/html": () => res.set({ "Content-Security-Policy": PAGE_POLICY, "X-Content-Type-Options": "nosniff" }).type("html").send(PAGE),
    });
  });
  return router;
}
