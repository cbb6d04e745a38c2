/**
 * The dashboard: GET /dashboard is a static page that draws, in the browser,
 * what the GraphQL API answers (members by region over time, chapters by
 * status and kind, growth by region). Chart.js is served from node_modules,
 * never a CDN: the machine running the API may be offline, and the page's
 * Content-Security-Policy lets it load nothing from elsewhere.
 *
 * The files are read, and their paths resolved, once when the routes are
 * made: from the project root (tsc does not copy src/http/dashboard/ to dist/,
 * so a ts and a dist run both read the source folder) and from chart.js's
 * own folder.
 */
import fs from "node:fs";
import path from "node:path";
import { Router } from "express";
import { PROJECT_ROOT } from "../config";

const DASHBOARD_DIR = path.join(PROJECT_ROOT, "src", "http", "dashboard");

/** The files the page loads, by the name it asks for; nothing outside this list is served. */
function dashboardAssets(): Map<string, string> {
  return new Map([
    // chart.js exports no ./package.json; its main entry sits in dist/ beside the UMD build.
    ["chart.umd.js", path.join(path.dirname(require.resolve("chart.js")), "chart.umd.js")],
    ["dashboard.js", path.join(DASHBOARD_DIR, "dashboard.js")],
    ["dashboard.css", path.join(DASHBOARD_DIR, "dashboard.css")],
  ]);
}

/** Scripts, styles and data from this origin only; Chart.js styles its canvases through the DOM, which a CSP allows. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function dashboardRoutes(): Router {
  const page = fs.readFileSync(path.join(DASHBOARD_DIR, "dashboard.html"), "utf8");
  const assets = dashboardAssets();
  for (const file of assets.values()) if (!fs.existsSync(file)) throw new Error(`The dashboard's file ${file} is missing: run npm ci.`);
  const router = Router();

  router.get("/dashboard", (_req, res) => {
    res.set({ "Cache-Control": "no-cache", "Content-Security-Policy": CONTENT_SECURITY_POLICY, "X-Content-Type-Options": "nosniff" });
    res.type("html").send(page);
  });

  router.get("/dashboard/assets/:name", (req, res, next) => {
    const file = assets.get(req.params.name);
    if (!file) return next();
    res.sendFile(file, { maxAge: "1h", headers: { "X-Content-Type-Options": "nosniff" } });
  });

  return router;
}
