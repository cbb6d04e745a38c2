/**
 * GET /export/{table}.{format} on the seeded test database: every table in
 * every format, with its provenance columns; filters checked against counts
 * made by independent SQL; bad requests refused with a 400 that says why.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { parse as parseCsv } from "csv-parse/sync";
import type { DataSource } from "typeorm";
import { createDataSource } from "../../src/db/data-source";
import { SqlClient } from "../../src/db/sql";
import { DATA_LICENCE_LINK, DATA_LICENCE_STATEMENT } from "../../src/licensing/data-licence";
import { testDatabaseUrl } from "../support/harness";
import { startExportServer, type ExportServer } from "./export-server";

let dataSource: DataSource;
let sql: SqlClient;
let server: ExportServer;

beforeAll(async () => {
  dataSource = createDataSource(testDatabaseUrl(), { size: 4 });
  await dataSource.initialize();
  sql = SqlClient.fromDataSource(dataSource);
  server = await startExportServer(sql);
});
afterAll(async () => {
  await server.close();
  await dataSource.destroy();
});

/** The database table behind each export. */
const TABLES: Record<string, string> = {
  chapters: "chapter", membership: "membership_snapshot", programmes: "programme", participation: "participation", awards: "award_recipient",
  principles: "principle", objectives: "objective", facts: "fact", sources: "source",
};
const CONTENT_TYPES: Record<string, string> = { csv: "text/csv; charset=utf-8", json: "application/json; charset=utf-8", ndjson: "application/x-ndjson; charset=utf-8" };

const get = (path: string) => fetch(`${server.baseUrl}${path}`);

async function count(query: string, values: unknown[] = []): Promise<number> {
  const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n ${query}`, values);
  return n;
}

/** The rows of a body, whatever its format. */
function rowsOf(format: string, body: string): Record<string, unknown>[] {
  if (format === "csv") return parseCsv(body, { columns: true });
  if (format === "json") return JSON.parse(body);
  return body.split("\n").filter(Boolean).map((line) => JSON.parse(line));
}

async function exportRows(path: string): Promise<Record<string, any>[]> {
  const response = await get(path);
  expect(response.status).toBe(200);
  return rowsOf(path.split("?")[0].split(".").pop()!, await response.text());
}

describe("every table in every format", () => {
  const cases = Object.keys(TABLES).flatMap((table) => ["csv", "json", "ndjson"].map((format) => [table, format]));

  it.each(cases)("%s.%s answers 200 with its type, a download name and every row", async (table, format) => {
    const response = await get(`/export/${table}.${format}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(CONTENT_TYPES[format]);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${table}.${format}"`);
    expect(response.headers.get("link")).toBe(DATA_LICENCE_LINK);
    const rows = rowsOf(format, await response.text());
    expect(rows.length).toBe(await count(`FROM "${TABLES[table]}"`));
    expect(rows.length).toBeGreaterThan(0);
  });

  it.each(Object.keys(TABLES))("%s.csv starts with a header row naming its source, licence and synthetic columns", async (table) => {
    const body = await (await get(`/export/${table}.csv`)).text();
    const header = body.slice(0, body.indexOf("\n")).split(",");
    expect(header).toEqual(expect.arrayContaining(table === "sources" ? ["url", "licence_id", "licence_note", "synthetic", "updated_at"] : ["source_url", "source_licence_id", "source_licence_note", "synthetic", "updated_at"]));
  });

  it("marks every membership figure synthetic, and no chapter or fact", async () => {
    const membership = await exportRows("/export/membership.csv");
    expect(new Set(membership.map((row) => row.synthetic))).toEqual(new Set(["true"]));
    expect(new Set(membership.map((row) => row.source_licence_id))).toEqual(new Set(["CC0-1.0"]));
    const chapters = await exportRows("/export/chapters.json");
    const facts = await exportRows("/export/facts.ndjson");
    expect(new Set([...chapters, ...facts].map((row) => row.synthetic))).toEqual(new Set([false]));
  });

  it("writes the values the database holds (one chapter, column by column)", async () => {
    const [kenya] = (await exportRows("/export/chapters.json?country=KE")).filter((row) => row.slug === "kenya");
    const [expected] = await dataSource.query(
      `SELECT c.slug, c.name, c.kind, c.status, c.country_code, r.slug AS region_slug, c.founded_on, c.website, c.evidence_note,
              s.url AS source_url, s.licence_id AS source_licence_id, s.licence_note AS source_licence_note, s.synthetic
         FROM chapter c LEFT JOIN region r ON r.id = c.region_id JOIN source s ON s.id = c.source_id WHERE c.slug = 'kenya'`,
    );
    expect(kenya).toEqual({ ...expected, updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/) });
  });

  it("streams: the body is sent in chunks as rows come, with no length known up front", async () => {
    const response = await get("/export/membership.ndjson");
    expect(response.headers.get("transfer-encoding")).toBe("chunked");
    expect(response.headers.get("content-length")).toBeNull();
    await response.arrayBuffer();
  });

  it("states the data's licence: a Link rel=license header on every format, and Parquet key-value metadata inside the file", async () => {
    const response = await get("/export/membership.parquet");
    expect(response.status).toBe(200);
    expect(response.headers.get("link")).toBe(
      '<https://opendatacommons.org/licenses/by/1-0/>; rel="license"; title="ODC-By-1.0", <https://creativecommons.org/publicdomain/zero/1.0/>; rel="license"; title="CC0-1.0"',
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "isoc-export-parquet-"));
    const file = path.join(dir, "membership.parquet");
    fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const duck = await (await DuckDBInstance.create(":memory:")).connect();
    try {
      const metadata = (await duck.runAndReadAll(`SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata('${file}')`)).getRowObjectsJson();
      expect(Object.fromEntries(metadata.map((m) => [m.key, m.value]))).toMatchObject({ license: "ODC-By-1.0", synthetic_license: "CC0-1.0", license_statement: DATA_LICENCE_STATEMENT });
      const [{ n, cc0 }] = (await duck.runAndReadAll(`SELECT count(*)::int AS n, count(*) FILTER (WHERE source_licence_id = 'CC0-1.0')::int AS cc0 FROM read_parquet('${file}')`)).getRowObjectsJson();
      expect(n).toBe(await count(`FROM membership_snapshot`));
      expect(cc0).toBe(n);
    } finally {
      duck.closeSync();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("sends the header row alone when no row matches", async () => {
    const body = await (await get("/export/membership.csv?from=1990-01-01&to=1990-12-31")).text();
    expect(body).toBe("chapter_slug,taken_on,individual_members,organization_members,source_url,source_licence_id,source_licence_note,synthetic,updated_at\n");
    expect(await (await get("/export/membership.json?from=1990-01-01&to=1990-12-31")).json()).toEqual([]);
  });
});

describe("filters", () => {
  it("region, country and kind select chapters as independent SQL counts them", async () => {
    expect((await exportRows("/export/chapters.csv?region=africa")).length).toBe(
      await count(`FROM chapter c JOIN region r ON r.id = c.region_id WHERE r.slug = 'africa'`),
    );
    expect((await exportRows("/export/chapters.csv?country=ES")).length).toBe(await count(`FROM chapter WHERE country_code = 'ES'`));
    const sigs = await exportRows("/export/chapters.csv?kind=sig");
    expect(sigs.length).toBe(await count(`FROM chapter WHERE kind = 'sig'`));
    expect(new Set(sigs.map((row) => row.kind))).toEqual(new Set(["sig"]));
  });

  it("combine on membership: region, kind and a date range", async () => {
    const rows = await exportRows("/export/membership.csv?region=asia-pacific&kind=chapter&from=2020-01-01&to=2020-12-31");
    expect(rows.length).toBe(
      await count(
        `FROM membership_snapshot m JOIN chapter c ON c.id = m.chapter_id JOIN region r ON r.id = c.region_id
          WHERE r.slug = 'asia-pacific' AND c.kind = 'chapter' AND m.taken_on BETWEEN '2020-01-01' AND '2020-12-31'`,
      ),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.taken_on >= "2020-01-01" && row.taken_on <= "2020-12-31")).toBe(true);
  });

  it("country filters membership through the snapshot's chapter", async () => {
    const rows = await exportRows("/export/membership.ndjson?country=KE");
    expect(rows.length).toBe(await count(`FROM membership_snapshot m JOIN chapter c ON c.id = m.chapter_id WHERE c.country_code = 'KE'`));
    expect(rows.length).toBeGreaterThan(0);
  });

  it("from and to read a year as its first day (awards) and a fact's date as stored", async () => {
    expect((await exportRows("/export/awards.csv?from=2010-01-01&to=2015-12-31")).length).toBe(await count(`FROM award_recipient WHERE year BETWEEN 2010 AND 2015`));
    expect((await exportRows("/export/facts.csv?from=2015-01-01")).length).toBe(await count(`FROM fact WHERE as_of_date >= '2015-01-01'`));
    expect((await exportRows("/export/participation.csv?to=2019-12-31")).length).toBe(await count(`FROM participation WHERE since <= '2019-12-31'`));
  });

  it("kind means an objective's kind on objectives", async () => {
    const rows = await exportRows("/export/objectives.json?kind=operational");
    expect(rows.length).toBe(await count(`FROM objective WHERE kind = 'operational'`));
    expect(new Set(rows.map((row) => row.kind))).toEqual(new Set(["operational"]));
  });
});

describe("bad requests", () => {
  const refusals: [string, string, RegExp][] = [
    ["/export/members.csv", "UNKNOWN_TABLE", /no table "members".*chapters, membership/],
    ["/export/chapters.xlsx", "UNKNOWN_FORMAT", /no format "xlsx".*csv, json, ndjson/],
    ["/export/chapters", "UNKNOWN_FORMAT", /\/export\/chapters\.csv/],
    ["/export/chapters.csv?colour=red", "UNKNOWN_FILTER", /"colour" is not a filter of chapters; chapters takes: region, country, kind, since/],
    ["/export/principles.csv?region=africa", "UNKNOWN_FILTER", /"region" is not a filter of principles/],
    ["/export/membership.csv?from=2024-02-30", "INVALID_FILTER", /"from" must be a date written YYYY-MM-DD, not "2024-02-30"/],
    ["/export/membership.csv?since=last-week", "INVALID_FILTER", /"since" must be a date/],
    ["/export/membership.csv?country=XX", "INVALID_FILTER", /"country" is not an ISO 3166-1 alpha-2 country code/],
    ["/export/chapters.csv?kind=club", "INVALID_FILTER", /"kind" must be one of chapter, sig/],
    // The same refusal as the GraphQL filter's, instead of an empty file.
    ["/export/membership.csv?region=atlantis", "INVALID_FILTER", /"region": no region has the slug "atlantis"; the regions are .*"africa".*"europe"/],
    ["/export/membership.csv?region=africa&region=europe", "INVALID_FILTER", /"region" once/],
    ["/export/membership.csv?from=2021-01-01&to=2020-01-01", "INVALID_FILTER", /"from" \(2021-01-01\) is after "to" \(2020-01-01\)/],
  ];

  it.each(refusals)("%s → 400 %s", async (path, code, message) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("content-disposition")).toBeNull();
    const body = await response.json();
    expect(body).toEqual({ error: { code, message: expect.stringMatching(message) } });
  });
});

describe("a client that goes away", () => {
  it("frees the cursor's connection, and the next export is whole", async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.baseUrl}/export/membership.csv`, { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await reader.read().catch(() => undefined);

    const deadline = Date.now() + 5000;
    while (sql.poolStats().total !== sql.poolStats().idle && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sql.poolStats().total).toBe(sql.poolStats().idle);
    expect((await exportRows("/export/membership.csv")).length).toBe(await count(`FROM membership_snapshot`));
  });
});
