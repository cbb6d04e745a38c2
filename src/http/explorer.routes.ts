/**
 * The explorer: a browser opening /graphql gets GraphiQL, with the examples of
 * schema/examples.graphql in its tabs; every other GET /graphql (an API
 * client's) passes on to the GraphQL endpoint. GraphiQL and React are served
 * from node_modules, never a CDN, because the machine running the API may be
 * offline, and the page's Content-Security-Policy lets it load nothing else.
 *
 * Files are read, and their paths resolved, once when the routes are made:
 * from the project root (tsc does not copy src/http/explorer/ to dist/) and
 * from the packages' own folders.
 */
import fs from "node:fs";
import path from "node:path";
import { Router } from "express";
import { PROJECT_ROOT } from "../config";
import { exampleTabs } from "./explorer/example-tabs";

const EXPLORER_DIR = path.join(PROJECT_ROOT, "src", "http", "explorer");
const ASSETS_PATH = "/graphql-explorer/assets";

/** The folder of an installed package (resolved through its package.json, which all three export). */
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/** The files the page loads, by the name it asks for; nothing outside this list is served. */
function explorerAssets(): Map<string, string> {
  return new Map([
    ["react.production.min.js", path.join(packageDir("react"), "umd", "react.production.min.js")],
    ["react-dom.production.min.js", path.join(packageDir("react-dom"), "umd", "react-dom.production.min.js")],
    ["graphiql.min.js", path.join(packageDir("graphiql"), "graphiql.min.js")],
    ["graphiql.min.css", path.join(packageDir("graphiql"), "graphiql.min.css")],
    ["explorer.js", path.join(EXPLORER_DIR, "explorer.js")],
  ]);
}

/**
 * GraphiQL styles itself inline and embeds its fonts and icons as data: URLs;
 * beyond that, only this origin.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The types an API client may ask for, first: a client that accepts anything (curl's Accept: *\/*) gets JSON. */
const API_TYPES = ["application/json", "application/graphql-response+json"];

export function explorerRoutes(): Router {
  const page = fs.readFileSync(path.join(EXPLORER_DIR, "explorer.html"), "utf8");
  const tabs = exampleTabs(fs.readFileSync(path.join(PROJECT_ROOT, "schema", "examples.graphql"), "utf8"));
  const assets = explorerAssets();
  for (const file of assets.values()) if (!fs.existsSync(file)) throw new Error(`The explorer's file ${file} is missing: run npm ci.`);
  const router = Router();

  router.get("/graphql", (req, res, next) => {
    if (req.accepts([...API_TYPES, "text/html"]) !== "text/html") return next();
    // The same URL answers JSON to API clients: caches must key on Accept, and no shared cache should keep the page.
    res.set({ Vary: "Accept", "Cache-Control": "private, no-cache", "Content-Security-Policy": CONTENT_SECURITY_POLICY, "X-Content-Type-Options": "nosniff" });
    res.type("html").send(page);
  });

  router.get("/graphql-explorer/examples.json", (_req, res) => {
    res.set("Cache-Control", "public, max-age=300").json(tabs);
  });

  router.get(`${ASSETS_PATH}/:name`, (req, res, next) => {
    const file = assets.get(req.params.name);
    if (!file) return next();
    res.sendFile(file, { maxAge: "1h", headers: { "X-Content-Type-Options": "nosniff" } });
  });

  return router;
}
