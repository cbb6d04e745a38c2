/**
 * Serving a release over the real HTTP app: the list, each file byte for byte
 * (immutable caching, ETag = SHA-256, 304 on revalidation, 206 on a range),
 * 404s that list what exists; the GraphQL `releases` / `release(id)` fields
 * with checksums and citations; `extensions.dataVersion` on every answer; and
 * the live Parquet export, read back by DuckDB.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { DataVersionWatcher } from "../../src/db/data-version-watcher";
import type { HttpServer } from "../../src/http/app";
import { DATA_LICENCE_LINK } from "../../src/licensing/data-licence";
import { createRelease } from "../../src/release/release";
import { ReleaseStore, type Descriptor } from "../../src/release/store";
import { openHarness, serveHttp, type Harness } from "../support/harness";

let h: Harness;
let dir: string;
let release: Descriptor;
let base: string;
let server: HttpServer;
let watcher: DataVersionWatcher;

beforeAll(async () => {
  h = await openHarness();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "isoc-release-serve-"));
  const outcome = await createRelease(h.sql, new ReleaseStore(dir), { name: "2026-12" });
  if (outcome.status !== "created") throw new Error("expected a new release");
  release = outcome.release;
  process.env.RELEASES_DIR = dir;
  process.env.PUBLIC_URL = "https://data.example.org/";
  watcher = new DataVersionWatcher(h.url);
  await watcher.start();
  ({ base, server } = await serveHttp(h, { dataVersion: watcher }));
});
afterAll(async () => {
  delete process.env.RELEASES_DIR;
  delete process.env.PUBLIC_URL;
  await server.stop();
  await watcher.stop();
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The status of a GET by raw HTTP, as a browser revalidates (fetch() adds "Cache-Control: no-cache" to conditional requests). */
function statusOf(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      })
      .on("error", reject);
  });
}

const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");
const resource = (file: string) => release.resources.find((r) => r.path === file)!;

describe("GET /releases", () => {
  it("lists every release with its files, checksums, row counts, data version and citation, links under PUBLIC_URL", async () => {
    const response = await fetch(`${base}/releases`);
    expect(response.status).toBe(200);
    const { releases } = await response.json();
    expect(releases).toHaveLength(1);
    const [listed] = releases;
    expect(listed).toMatchObject({ id: "2026-12", dataVersion: release.dataVersion, created: release.created, dataPackageUrl: "https://data.example.org/releases/2026-12/datapackage.json" });
    expect(listed.files).toHaveLength(release.resources.length);
    expect(listed.files.find((f: { path: string }) => f.path === "membership.parquet")).toEqual({
      path: "membership.parquet",
      url: "https://data.example.org/releases/2026-12/membership.parquet",
      table: "membership",
      format: "parquet",
      mediaType: "application/vnd.apache.parquet",
      bytes: resource("membership.parquet").bytes,
      sha256: resource("membership.parquet").hash.slice("sha256:".length),
      rows: resource("membership.parquet").rows,
    });
    expect(listed.citation.apa).toBe(
      `isoc-open-data-api contributors. (${release.created.slice(0, 4)}). Internet Society open data (Version 2026-12; data version ${release.dataVersion}) [Data set]. https://data.example.org/releases/2026-12/datapackage.json`,
    );
    expect(listed.citation.bibtex).toMatch(/^@misc\{isoc-open-data-2026-12,\n/);
    expect(listed.citation.bibtex).toContain("url = {https://data.example.org/releases/2026-12/datapackage.json}");
    expect(listed.citation.bibtex).toMatch(/\d+ rows cite a synthetic source/);
  });
});

describe("GET /releases/{id}/{file}", () => {
  it("serves each file byte for byte, immutable, its ETag its SHA-256, with the data's licence in a Link header", async () => {
    for (const file of ["membership.csv", "chapters.parquet"]) {
      const response = await fetch(`${base}/releases/2026-12/${file}`);
      expect(response.status).toBe(200);
      const body = new Uint8Array(await response.arrayBuffer());
      expect(sha256(body)).toBe(resource(file).hash.slice(7));
      expect(response.headers.get("etag")).toBe(`"${sha256(body)}"`);
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable, no-transform");
      expect(response.headers.get("content-encoding")).toBeNull();
      expect(response.headers.get("accept-ranges")).toBe("bytes");
      expect(response.headers.get("link")).toBe(DATA_LICENCE_LINK);
    }
    expect((await fetch(`${base}/releases/2026-12/membership.csv`)).headers.get("content-type")).toBe("text/csv; charset=utf-8");
  });

  it("answers 304 to a matching If-None-Match and 206 with the bytes asked for to a range", async () => {
    const etag = `"${resource("membership.csv").hash.slice(7)}"`;
    expect(await statusOf(`${base}/releases/2026-12/membership.csv`, { "If-None-Match": etag })).toBe(304);
    expect(await statusOf(`${base}/releases/2026-12/membership.csv`, { "If-None-Match": '"0000"' })).toBe(200);
    const whole = fs.readFileSync(path.join(dir, "2026-12", "membership.csv"));
    const partial = await fetch(`${base}/releases/2026-12/membership.csv`, { headers: { Range: "bytes=100-199" } });
    expect(partial.status).toBe(206);
    expect(partial.headers.get("content-range")).toBe(`bytes 100-199/${whole.length}`);
    expect(Buffer.from(await partial.arrayBuffer()).equals(whole.subarray(100, 200))).toBe(true);
  });

  it("serves the data package, its ETag its SHA-256", async () => {
    const response = await fetch(`${base}/releases/2026-12/datapackage.json`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual(release);
    expect(response.headers.get("etag")).toBe(`"${sha256(text)}"`);
  });

  it("answers 404 with what exists to an unknown release or file, and never serves a path outside a release", async () => {
    const noRelease = await fetch(`${base}/releases/2025-01/membership.csv`);
    expect(noRelease.status).toBe(404);
    expect((await noRelease.json()).error).toEqual({ code: "NOT_FOUND", message: 'There is no release "2025-01"; the releases are: 2026-12.' });
    const noFile = await fetch(`${base}/releases/2026-12/members.csv`);
    expect(noFile.status).toBe(404);
    expect((await noFile.json()).error.message).toMatch(/^Release "2026-12" has no file "members.csv"; its files are: datapackage.json, chapters.csv, chapters.parquet, .*offices.parquet\.$/);
    for (const probe of ["/releases/2026-12/..%2F..%2Fpackage.json", "/releases/..%2F2026-12/membership.csv", "/releases/%2E%2E/package.json"]) {
      const response = await fetch(`${base}${probe}`);
      expect([probe, response.status]).toEqual([probe, 404]);
    }
    expect((await fetch(`${base}/releases/2025-01`)).status).toBe(404);
  });
});

describe("GraphQL", () => {
  const QUERY = `{ releases { id created dataVersion dataPackageUrl syntheticRows files { path url table format mediaType bytes sha256 rows } citation { apa bibtex } } }`;

  it("`releases` gives what GET /releases gives", async () => {
    const { releases } = await (await fetch(`${base}/releases`)).json();
    const response = await fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: QUERY }) });
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.releases).toEqual(releases);
  });

  it("`release(id)` gives one release, null for an unknown one, BAD_USER_INPUT for a malformed one", async () => {
    const one = await h.run(`{ release(id: "2026-12") { id dataVersion files { path sha256 } } }`);
    expect(one.data!.release).toEqual({ id: "2026-12", dataVersion: release.dataVersion, files: release.resources.map((r) => ({ path: r.path, sha256: r.hash.slice(7) })) });
    expect((await h.run(`{ release(id: "2025-01") { id } }`)).data).toEqual({ release: null });
    const malformed = await h.run(`{ release(id: "../etc") { id } }`);
    expect(malformed.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "id" });
  });

  it("every answer says which data version it was computed from, the version a release names", async () => {
    const [{ version }] = await h.dataSource.query(`SELECT version::text FROM data_version`);
    const response = await fetch(`${base}/graphql?query=${encodeURIComponent("{ principles { title } }")}`);
    const body = await response.json();
    expect(body.extensions.dataVersion).toBe(version);
    expect(release.dataVersion).toBe(version);
    // ETags still leave the budget report out: a repeat with the ETag is a 304.
    expect(await statusOf(`${base}/graphql?query=${encodeURIComponent("{ principles { title } }")}`, { "If-None-Match": response.headers.get("etag")! })).toBe(304);
    // Without the version watcher (in-process here), the answer says it cannot tell.
    expect((await h.run(`{ principles { title } }`)).extensions?.dataVersion).toBeNull();
  });
});

describe("GET /export/{table}.parquet", () => {
  it("streams the live table as Parquet that DuckDB reads with the CSV export's rows", async () => {
    const parquet = await fetch(`${base}/export/facts.parquet`);
    expect(parquet.status).toBe(200);
    expect(parquet.headers.get("content-type")).toBe("application/vnd.apache.parquet");
    expect(parquet.headers.get("content-disposition")).toBe('attachment; filename="facts.parquet"');
    const file = path.join(dir, "facts-export.parquet");
    fs.writeFileSync(file, Buffer.from(await parquet.arrayBuffer()));
    const csv = path.join(dir, "facts-export.csv");
    fs.writeFileSync(csv, await (await fetch(`${base}/export/facts.csv`)).text());
    const duck = await (await DuckDBInstance.create(":memory:")).connect();
    try {
      const types = (await duck.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}')`)).getRowObjectsJson().map((c) => `${c.column_name}:${c.column_type}`);
      expect(types).toEqual(expect.arrayContaining(["numeric_value:DOUBLE", "as_of_date:DATE", "headline:BOOLEAN", "updated_at:TIMESTAMP"]));
      const fromParquet = (await duck.runAndReadAll(`SELECT subject, figure, as_of, source_url, numeric_value::VARCHAR AS n, as_of_date::VARCHAR AS d FROM read_parquet('${file}')`)).getRowObjectsJson();
      const fromCsv = (await duck.runAndReadAll(`SELECT subject, figure, as_of, source_url, numeric_value::VARCHAR AS n, as_of_date::VARCHAR AS d FROM read_csv('${csv}', header = true, all_varchar = true)`)).getRowObjectsJson();
      expect(fromParquet.length).toBe(resource("facts.csv").rows);
      expect(fromParquet.map((r) => [r.subject, r.figure, r.as_of, r.source_url, r.d])).toEqual(fromCsv.map((r) => [r.subject, r.figure, r.as_of, r.source_url, r.d]));
      expect(fromParquet.map((r) => (r.n === null ? null : Number(r.n)))).toEqual(fromCsv.map((r) => (r.n === null ? null : Number(r.n))));
    } finally {
      duck.closeSync();
    }
  });
});
