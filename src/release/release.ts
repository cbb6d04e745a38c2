/**
 * Making a release: every table of ./tables.ts frozen as CSV and Parquet, with
 * its checksums and row counts and the data version it was taken at.
 *
 * Why one transaction: every table is read in one REPEATABLE READ snapshot,
 * with the data version, so the files agree with one another and with the
 * version they name even while edits land. Rows stream from a cursor into the
 * files (src/export/stream.ts), so memory does not grow with the data.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { PoolClient } from "pg";
import type { SqlClient } from "../db/sql";
import { createFormatter } from "../export/formats";
import { citedSourcesStatement, countSelectStatement, selectStatement } from "../export/query";
import { streamStatement } from "../export/stream";
import { getSchema } from "../graphql/schema";
import { buildDataPackage, type CitedSource, type PackageSource, type WrittenTable } from "./datapackage";
import { DESCRIPTOR_FILE, sha256Of, type Descriptor, type ReleaseStore } from "./store";
import { RELEASE_TABLES } from "./tables";
import { toIsoDate } from "../seed/dates";

const FORMATS = ["csv", "parquet"] as const;

export interface ReleaseProgress {
  /** Called once the rows are counted: every file's rows, added up. */
  start?(totalRows: number): void;
  /** Called as rows are written: the running count over all files. */
  update?(writtenRows: number): void;
}

export type ReleaseOutcome =
  | { status: "created"; release: Descriptor; dir: string }
  /** The data equals a published release's (every file's checksum): nothing was written. */
  | { status: "identical"; release: Descriptor };

/** The default name: today's date (UTC). */
export const defaultReleaseName = (now: Date): string => toIsoDate(now);

/** SHA-256 (hex) and size of a file. */
async function digestOf(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest("hex"), bytes };
}

/** The published release whose data files are exactly these (same names, same checksums), if any. */
function identicalRelease(store: ReleaseStore, tables: WrittenTable[]): Descriptor | undefined {
  const written = new Map(tables.flatMap((t) => t.files.map((file) => [file.path, file.sha256] as const)));
  return store
    .list()
    .find((release) => release.resources.length === written.size && release.resources.every((resource) => written.get(resource.path) === sha256Of(resource)));
}

/** Writes every table into `dir`, reading through `client` (inside the release's transaction). */
async function writeTables(client: PoolClient, dir: string, progress: ReleaseProgress): Promise<WrittenTable[]> {
  const counts = [];
  for (const table of RELEASE_TABLES) {
    const { text, values } = countSelectStatement(table.select);
    const { rows } = await client.query<{ rows: number; synthetic: number }>(text, values);
    counts.push(rows[0]);
  }
  progress.start?.(counts.reduce((sum, count) => sum + count.rows * FORMATS.length, 0));
  let done = 0;
  const written: WrittenTable[] = [];
  for (const [i, table] of RELEASE_TABLES.entries()) {
    const files: WrittenTable["files"] = [];
    for (const format of FORMATS) {
      const file = `${table.name}.${format}`;
      const before = done;
      const rows = await streamStatement(client, selectStatement(table.select), createFormatter(format, table.fields), fs.createWriteStream(path.join(dir, file), { flags: "wx" }), (n) =>
        progress.update?.(before + n),
      );
      done = before + rows;
      // The count and the stream read one snapshot: a difference is a bug, not a race.
      if (rows !== counts[i].rows) throw new Error(`${file}: wrote ${rows} rows where ${counts[i].rows} were counted.`);
      files.push({ format, path: file, ...(await digestOf(path.join(dir, file))) });
    }
    const cited = table.fields.some((field) => field.name === "source_url") ? (await client.query<CitedSource>(citedSourcesStatement(table.select).text)).rows : null;
    written.push({ table, rows: counts[i].rows, syntheticRows: counts[i].synthetic, citedSources: cited, files });
  }
  return written;
}

/**
 * Freezes the current public data as release `name` in `store` (see the module
 * comment). Refuses a malformed or taken name before writing anything; when
 * the data is identical to a published release's, writes nothing and says
 * which. Any failure removes what was written: a release is published whole
 * or not at all (./store.ts).
 */
export async function createRelease(sql: SqlClient, store: ReleaseStore, options: { name?: string; now?: Date; progress?: ReleaseProgress } = {}): Promise<ReleaseOutcome> {
  const now = options.now ?? new Date();
  const name = options.name ?? defaultReleaseName(now);
  store.checkNewName(name);
  const partial = store.startPartial(name);
  try {
    const { tables, dataVersion, sources } = await sql.withClient(async (client) => {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      try {
        // A release of the large data set reads for minutes; the server's per-statement limit is for requests.
        await client.query("SET LOCAL statement_timeout = 0");
        const { rows: versionRows } = await client.query<{ version: string }>("SELECT version::text FROM data_version WHERE id = 1");
        const { rows: sourceRows } = await client.query<PackageSource>(`SELECT url, title, licence_id AS "licenceId", licence_note AS "licenceNote", synthetic FROM source ORDER BY url`);
        const written = await writeTables(client, partial, options.progress ?? {});
        await client.query("COMMIT");
        return { tables: written, dataVersion: versionRows[0]?.version ?? "0", sources: sourceRows };
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    });
    const identical = identicalRelease(store, tables);
    if (identical) {
      store.discard(partial);
      return { status: "identical", release: identical };
    }
    const descriptor = buildDataPackage(getSchema(), { name, created: now, dataVersion, tables, sources });
    fs.writeFileSync(path.join(partial, DESCRIPTOR_FILE), `${JSON.stringify(descriptor, null, 2)}\n`, { flag: "wx" });
    const dir = store.publish(partial, name);
    return { status: "created", release: descriptor as unknown as Descriptor, dir };
  } catch (error) {
    store.discard(partial);
    throw error;
  }
}
