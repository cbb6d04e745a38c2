/**
 * A release of the seeded test database: its files match their checksums and
 * row counts; the Frictionless libraries (npm `datapackage`, `tableschema`)
 * accept its descriptor against the official profile and read and cast every
 * CSV against its Table Schema, foreign keys included; DuckDB, a reader
 * independent of the Parquet writer, reads every Parquet file with the
 * declared column types and the same rows, in the same order, as the CSV;
 * identical data is recognised; bad names are refused with nothing written.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { isObjectType } from "graphql";
import type { Field } from "../../src/export/fields";
import { getSchema } from "../../src/graphql/schema";
import { DATA_LICENCE, DATA_LICENCE_PARQUET_METADATA, DATA_LICENCE_STATEMENT } from "../../src/licensing/data-licence";
import { SYNTHETIC_WARNING } from "../../src/release/datapackage";
import { createRelease } from "../../src/release/release";
import { DESCRIPTOR_FILE, ReleaseError, ReleaseStore, type Descriptor } from "../../src/release/store";
import { RELEASE_TABLES } from "../../src/release/tables";
import { openHarness, type Harness } from "../support/harness";

const { Package } = require("datapackage");

let h: Harness;
let dir: string;
let store: ReleaseStore;
let release: Descriptor;
let releaseDir: string;
let duck: DuckDBConnection;

beforeAll(async () => {
  h = await openHarness();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "isoc-release-"));
  store = new ReleaseStore(dir);
  const outcome = await createRelease(h.sql, store, { name: "2026-12" });
  if (outcome.status !== "created") throw new Error("expected a new release");
  release = outcome.release;
  releaseDir = outcome.dir;
  duck = await (await DuckDBInstance.create(":memory:")).connect();
});
afterAll(async () => {
  duck?.closeSync();
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

describe("the files", () => {
  it("are every table as CSV and Parquet, with the descriptor, and nothing else (no partial directory left)", () => {
    const expected = RELEASE_TABLES.flatMap((t) => [`${t.name}.csv`, `${t.name}.parquet`]);
    expect(fs.readdirSync(releaseDir).sort()).toEqual([...expected, DESCRIPTOR_FILE].sort());
    expect(release.resources.map((r) => r.path)).toEqual(expected);
    expect(fs.readdirSync(dir)).toEqual(["2026-12"]);
  });

  it("match the SHA-256 and size the descriptor states, and are read-only", () => {
    for (const resource of release.resources) {
      const file = path.join(releaseDir, resource.path);
      expect([resource.path, resource.hash]).toEqual([resource.path, `sha256:${sha256(file)}`]);
      expect(resource.bytes).toBe(fs.statSync(file).size);
      expect(fs.statSync(file).mode & 0o222).toBe(0);
    }
  });

  it("hold the rows the database holds (counted independently), and name the data version they were read at", async () => {
    const [{ chapters, snapshots, sources, texts, version }] = await h.dataSource.query(
      `SELECT (SELECT count(*)::int FROM chapter WHERE archived_at IS NULL) AS chapters,
              (SELECT count(*)::int FROM membership_snapshot m JOIN chapter c ON c.id = m.chapter_id WHERE c.archived_at IS NULL) AS snapshots,
              (SELECT count(*)::int FROM source) AS sources,
              (SELECT 4 + cardinality(about) + cardinality(platform_goals) FROM organization) AS texts,
              (SELECT version::text FROM data_version) AS version`,
    );
    const rows = Object.fromEntries(release.resources.map((r) => [r.path, r.rows]));
    expect([rows["chapters.csv"], rows["membership.csv"], rows["sources.csv"], rows["organization_texts.csv"]]).toEqual([chapters, snapshots, sources, texts]);
    expect(rows["membership.parquet"]).toBe(snapshots);
    expect(release.dataVersion).toBe(version);
    // The CSV holds those rows: one line each after the header (no value spans lines in membership).
    expect(fs.readFileSync(path.join(releaseDir, "membership.csv"), "utf8").trimEnd().split("\n").length).toBe(snapshots + 1);
  });
});

describe("the data package, checked by the Frictionless JavaScript libraries", () => {
  it("is valid against the official Data Package profile", async () => {
    const pkg = await Package.load(path.join(releaseDir, DESCRIPTOR_FILE));
    expect(pkg.errors.map(String)).toEqual([]);
    expect(pkg.valid).toBe(true);
    expect(pkg.resources).toHaveLength(RELEASE_TABLES.length * 2);
  });

  it("reads and casts every CSV against its Table Schema, foreign keys resolved, with every declared row", async () => {
    const pkg = await Package.load(path.join(releaseDir, DESCRIPTOR_FILE));
    const tabular = pkg.resources.filter((resource: { tabular: boolean }) => resource.tabular);
    expect(tabular.map((r: { name: string }) => r.name)).toEqual(RELEASE_TABLES.map((t) => t.name));
    for (const resource of tabular) {
      const rows = await resource.read({ keyed: true, relations: true });
      expect([resource.name, rows.length]).toEqual([resource.name, resource.descriptor.rows]);
    }
  });

  it("fails a file whose value does not fit its type, or whose reference is missing (the check can fail)", async () => {
    const broken = fs.mkdtempSync(path.join(dir, ".broken-"));
    for (const file of fs.readdirSync(releaseDir)) fs.copyFileSync(path.join(releaseDir, file), path.join(broken, file));
    const membership = path.join(broken, "membership.csv");
    fs.chmodSync(membership, 0o644);
    const lines = fs.readFileSync(membership, "utf8").split("\n");
    lines[1] = lines[1].replace(/^([^,]*),([^,]*),(\d+),/, "$1,$2,many,");
    fs.writeFileSync(membership, lines.join("\n"));
    const chapters = path.join(broken, "chapters.csv");
    fs.chmodSync(chapters, 0o644);
    fs.writeFileSync(chapters, fs.readFileSync(chapters, "utf8").split("\n").filter((line) => !line.startsWith("benin,")).join("\n"));
    const pkg = await Package.load(path.join(broken, DESCRIPTOR_FILE));
    await expect(pkg.getResource("membership").read({ keyed: true })).rejects.toThrow();
    await expect(pkg.getResource("participation").read({ keyed: true, relations: true })).resolves.toBeDefined();
    // A snapshot of benin now refers to no chapter.
    const fixed = lines.slice(0, 1).concat(lines.slice(2)).join("\n");
    fs.writeFileSync(membership, fixed);
    await expect((await Package.load(path.join(broken, DESCRIPTOR_FILE))).getResource("membership").read({ relations: true })).rejects.toThrow(/[Ff]oreign key/);
  });

  it("describes every field in the GraphQL schema's words, with its constraints and keys", () => {
    const schema = getSchema();
    const chapters = release.resources.find((r) => r.name === "chapters")!.schema as { fields: (Field & { description: string; constraints: Record<string, unknown> })[]; primaryKey: string[] };
    const slug = chapters.fields.find((f) => f.name === "slug")!;
    const chapterType = schema.getType("Chapter");
    expect(isObjectType(chapterType) && slug.description === chapterType.getFields().slug.description).toBe(true);
    expect(slug.constraints).toEqual({ required: true, unique: true });
    expect(chapters.fields.find((f) => f.name === "kind")!.constraints).toEqual({ required: true, enum: ["chapter", "sig"] });
    expect(chapters.fields.find((f) => f.name === "founded_on")).toMatchObject({ type: "date", constraints: { required: false } });
    expect(chapters.primaryKey).toEqual(["slug"]);
    for (const resource of release.resources) {
      for (const field of (resource.schema as { fields: { name: string; description: string }[] }).fields) expect([resource.name, field.name, field.description.length > 5]).toEqual([resource.name, field.name, true]);
    }
    const membership = release.resources.find((r) => r.name === "membership")!;
    expect(membership.schema).toMatchObject({ foreignKeys: [{ fields: ["chapter_slug"], reference: { resource: "chapters", fields: ["slug"] } }, { fields: ["source_url"], reference: { resource: "sources", fields: ["url"] } }] });
  });

  it("warns of synthetic rows in the description and on each resource holding some, and lists licences, sources and when and what it froze", async () => {
    const [{ synthetic, sources }] = await h.dataSource.query(
      `SELECT (SELECT count(*)::int FROM membership_snapshot m JOIN source s ON s.id = m.source_id JOIN chapter c ON c.id = m.chapter_id WHERE s.synthetic AND c.archived_at IS NULL) AS synthetic,
              (SELECT count(*)::int FROM source) AS sources`,
    );
    const membership = release.resources.find((r) => r.name === "membership")!;
    expect(synthetic).toBeGreaterThan(0);
    expect([membership.synthetic, membership.syntheticRows]).toEqual([SYNTHETIC_WARNING, synthetic]);
    expect(release.resources.find((r) => r.name === "principles")!.synthetic).toBeUndefined();
    expect(release.description).toContain(SYNTHETIC_WARNING);
    expect(release.description).toContain(`membership (${synthetic} of ${membership.rows} rows)`);
    expect(release).toMatchObject({ version: "2026-12", name: "isoc-open-data" });
    expect(Date.parse(release.created)).toBeGreaterThan(Date.now() - 600_000);
    expect((release.sources as unknown[]).length).toBe(sources);
    expect(release.sources).toContainEqual({
      title: expect.any(String), path: "urn:isoc-open-data:synthetic:membership:v1", licenseId: "CC0-1.0", licenseNote: expect.stringContaining("public domain"), synthetic: true,
    });
  });

  it("states the data's licence: ODC-By-1.0 for the compilation, CC0-1.0 for synthetic figures, each file its own rows' licences, and the Internet Society's texts excepted", () => {
    expect(release.licenses).toEqual([
      { name: "ODC-By-1.0", path: "https://opendatacommons.org/licenses/by/1-0/", title: "Open Data Commons Attribution License v1.0" },
      { name: "CC0-1.0", path: "https://creativecommons.org/publicdomain/zero/1.0/", title: "Creative Commons Zero v1.0 Universal" },
    ]);
    expect(release.description).toContain(DATA_LICENCE_STATEMENT);
    const resource = (name: string) => release.resources.find((r) => r.name === name)! as Descriptor["resources"][number] & { licenses?: { name: string }[]; licenseNote?: string };
    // Synthetic counts are CC0; the chapters are the compilation's; the sources table (citing nothing) takes the package's.
    expect(resource("membership").licenses?.map((l) => l.name)).toEqual(["CC0-1.0"]);
    expect(resource("membership-parquet").licenses?.map((l) => l.name)).toEqual(["CC0-1.0"]);
    expect(resource("chapters").licenses?.map((l) => l.name)).toEqual(["ODC-By-1.0"]);
    expect(resource("sources").licenses).toBeUndefined();
    // Quoted texts: no licence of ours, and said so; facts mix compiled figures with the quoted headline figures.
    expect(resource("principles")).toMatchObject({ licenseNote: DATA_LICENCE.exception.text });
    expect(resource("principles").licenses).toBeUndefined();
    expect(resource("facts")).toMatchObject({ licenses: [{ name: "ODC-By-1.0" }], licenseNote: DATA_LICENCE.exception.text });
    expect(resource("chapters").licenseNote).toBeUndefined();
  });
});

/** The DuckDB type of each Table Schema type, as Parquet declares it and as the CSV is read with. */
const DUCKDB_TYPES: Record<Field["type"], string> = { string: "VARCHAR", integer: "INTEGER", number: "DOUBLE", boolean: "BOOLEAN", date: "DATE", datetime: "TIMESTAMP" };

describe("the Parquet files, read back by DuckDB (independent of the writer)", () => {
  it.each(RELEASE_TABLES.map((t) => [t.name, t] as const))("%s.parquet has the declared types and nullability, the licence in its metadata, and the CSV's rows, value for value", async (_name, table) => {
    const parquet = path.join(releaseDir, `${table.name}.parquet`);
    const csv = path.join(releaseDir, `${table.name}.csv`);
    const described = (await duck.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${parquet}')`)).getRowObjectsJson();
    expect(described.map((c) => [c.column_name, c.column_type])).toEqual(table.fields.map((f) => [f.name, DUCKDB_TYPES[f.type]]));
    const repetition = (await duck.runAndReadAll(`SELECT name, repetition_type FROM parquet_schema('${parquet}') WHERE name <> 'root'`)).getRowObjectsJson();
    expect(repetition.map((c) => [c.name, c.repetition_type])).toEqual(table.fields.map((f) => [f.name, f.required ? "REQUIRED" : "OPTIONAL"]));

    const columns = `{${table.fields.map((f) => `'${f.name}': '${DUCKDB_TYPES[f.type]}'`).join(", ")}}`;
    const fromCsv = (await duck.runAndReadAll(`SELECT * FROM read_csv('${csv}', header = true, auto_detect = false, columns = ${columns})`)).getRowObjectsJson();
    const fromParquet = (await duck.runAndReadAll(`SELECT * FROM read_parquet('${parquet}')`)).getRowObjectsJson();
    expect(fromParquet.length).toBe(fromCsv.length);
    expect(fromParquet.length).toBe(release.resources.find((r) => r.path === `${table.name}.parquet`)!.rows);
    const metadata = (await duck.runAndReadAll(`SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata('${parquet}')`)).getRowObjectsJson();
    expect(Object.fromEntries(metadata.map((m) => [m.key, m.value]))).toMatchObject(DATA_LICENCE_PARQUET_METADATA);
    for (let i = 0; i < fromCsv.length; i += 1) {
      if (JSON.stringify(fromParquet[i]) !== JSON.stringify(fromCsv[i])) expect([i, fromParquet[i]]).toEqual([i, fromCsv[i]]);
    }
  });
});

describe("making releases", () => {
  it("recognises data identical to a published release and writes nothing", async () => {
    const outcome = await createRelease(h.sql, store, { name: "2026-12b" });
    expect(outcome.status).toBe("identical");
    expect(outcome.release.version).toBe("2026-12");
    expect(fs.readdirSync(dir).filter((entry) => !entry.startsWith(".broken-"))).toEqual(["2026-12"]);
  });

  it.each([["../escape"], ["a/b"], [".hidden"], [""], ["x".repeat(65)], ["2026 12"]])("refuses the name %j and writes nothing", async (name) => {
    const before = fs.readdirSync(dir).sort();
    await expect(createRelease(h.sql, store, { name })).rejects.toMatchObject({ code: "INVALID_NAME" });
    expect(fs.readdirSync(dir).sort()).toEqual(before);
    expect(fs.existsSync(path.join(dir, "..", "escape"))).toBe(false);
  });

  it("refuses a name that exists and leaves the release as it was", async () => {
    const before = sha256(path.join(releaseDir, DESCRIPTOR_FILE));
    const attempt = createRelease(h.sql, store, { name: "2026-12" });
    await expect(attempt).rejects.toBeInstanceOf(ReleaseError);
    await expect(attempt).rejects.toMatchObject({ code: "EXISTS", message: expect.stringMatching(/exists already/) });
    expect(sha256(path.join(releaseDir, DESCRIPTOR_FILE))).toBe(before);
  });

  it("names today's date (UTC) when no name is given", async () => {
    const other = new ReleaseStore(fs.mkdtempSync(path.join(dir, ".default-")));
    const outcome = await createRelease(h.sql, other, { now: new Date("2027-01-31T23:59:00Z") });
    expect(outcome.status === "created" && outcome.release.version).toBe("2027-01-31");
  });
});
