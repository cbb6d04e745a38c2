/**
 * The embeddable chapter listing for partner sites: GET /embed.js (the
 * <isoc-chapters> element), GET /embed/chapters (a page hosting the element,
 * for partners who prefer an iframe) and GET /embed (how to use both, with a
 * live preview).
 *
 * The files live in src/http/embed/ and are read once, from the project root,
 * when the routes are made: tsc does not copy them to dist/, and this way both
 * `ts-node src/main.ts` and `node dist/src/main.js` serve the same files.
 */
import fs from "node:fs";
import path from "node:path";
import { Router, type Response } from "express";
import { PROJECT_ROOT } from "../config";

const EMBED_DIR = path.join(PROJECT_ROOT, "src", "http", "embed");

/** Partners' pages and CDNs may keep these for five minutes: a new release reaches everyone that soon. */
const CACHE_CONTROL = "public, max-age=300";

/** What the pages may load: this origin's scripts and API, inline styles, and nothing from anyone else. */
const PAGE_POLICY = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * The element's attributes /embed/chapters passes on, each with the values it
 * accepts. Allow-listed characters only: a value that matches can be written
 * into the page as it is, and one that does not is refused rather than echoed.
 */
const PAGE_ATTRIBUTES: Readonly<Record<string, RegExp>> = {
  region: /^[a-z0-9]+(-[a-z0-9]+)*$/i,
  country: /^[a-z]{2}$/i,
  kind: /^(chapter|sig)$/i,
  status: /^(active|inactive|in[-_]formation)$/i,
  limit: /^([1-9][0-9]?|100)$/,
  lang: /^[a-z]{2}(-[a-z0-9]{2,8})?$/i,
};

/** The attributes of /embed/chapters' element, from its query string; a message naming the first bad one otherwise. */
function pageAttributes(query: Record<string, unknown>): { attributes: [string, string][] } | { error: string } {
  const attributes: [string, string][] = [];
  for (const [name, pattern] of Object.entries(PAGE_ATTRIBUTES)) {
    const value = query[name];
    if (value === undefined || value === "") continue;
    if (typeof value !== "string" || value.length > 60 || !pattern.test(value)) return { error: `Bad ${name}: it must match ${pattern}.` };
    attributes.push([name, value]);
  }
  return { attributes };
}

function sendPage(res: Response, html: string, contentSecurityPolicy: string): void {
  res.set({ "Cache-Control": CACHE_CONTROL, "Content-Security-Policy": contentSecurityPolicy, "X-Content-Type-Options": "nosniff" });
  res.type("html").send(html);
}

export function embedRoutes(): Router {
  const read = (name: string) => fs.readFileSync(path.join(EMBED_DIR, name), "utf8");
  const element = read("embed.js");
  const docsScript = read("docs.js");
  const listingPage = read("chapters.html");
  const docsPage = read("docs.html");
  const router = Router();

  router.get("/embed.js", (_req, res) => {
    res.set({
      "Cache-Control": CACHE_CONTROL,
      // A module script from another origin loads only with CORS, and only with CORP on pages that isolate themselves (COEP).
      "Access-Control-Allow-Origin": "*",
      "Cross-Origin-Resource-Policy": "cross-origin",
      "X-Content-Type-Options": "nosniff",
    });
    res.type("text/javascript").send(element);
  });

  router.get("/embed/docs.js", (_req, res) => {
    res.set({ "Cache-Control": CACHE_CONTROL, "X-Content-Type-Options": "nosniff" });
    res.type("text/javascript").send(docsScript);
  });

  router.get("/embed/chapters", (req, res) => {
    const parsed = pageAttributes(req.query as Record<string, unknown>);
    if ("error" in parsed) {
      res.status(400).type("text/plain").send(parsed.error);
      return;
    }
    const lang = parsed.attributes.find(([name]) => name === "lang")?.[1] ?? "en";
    const html = listingPage.replace("{{lang}}", lang).replace("{{attributes}}", parsed.attributes.map(([name, value]) => ` ${name}="${value}"`).join(""));
    // Partners frame this page: no frame-ancestors.
    sendPage(res, html, PAGE_POLICY);
  });

  router.get("/embed", (_req, res) => {
    sendPage(res, docsPage, `${PAGE_POLICY}; frame-ancestors 'self'`);
  });

  return router;
}
