/**
 * The peer of `npm run bench`: PostGraphile v4 (a devDependency, never part of
 * the API) serving isoc_bench_pg, a copy of the benchmark database with the
 * functions of bench/postgraphile.sql, with the options PostGraphile's
 * documentation recommends for production ("Recommended options: For
 * Production", less what needs other packages or does not apply here:
 * subscriptions, the simplify-inflector plugin) and no mutations.
 *
 * For each benchmark operation it holds the PostGraphile query that asks for
 * the same data, and a mapping of PostGraphile's answer into ours' shape, so
 * that the benchmark can check, field by field, that both servers answer the
 * same before it times them.
 *
 * Run as a process (`PORT`, `DATABASE_URL`): serves POST /graphql, and GET
 * /bench/statements, the number of SQL statements its pool has sent so far
 * (each `query` call of a pool client), from which the benchmark computes
 * statements per request.
 */
import http from "node:http";
import { Pool, type PoolClient } from "pg";
import { postgraphile, type PostGraphileOptions } from "postgraphile";

export const POSTGRAPHILE_OPTIONS: PostGraphileOptions = {
  retryOnInitFail: true,
  dynamicJson: true,
  setofFunctionsContainNulls: false,
  ignoreRBAC: false,
  extendedErrors: ["errcode"],
  graphiql: false,
  enableQueryBatching: true,
  disableQueryLog: true,
  legacyRelations: "omit",
  disableDefaultMutations: true,
  watchPg: false,
};

type Json = Record<string, unknown>;
/** A PostGraphile query for one benchmark operation, and its answer's `data` in ours' shape. */
export interface PeerOperation {
  query: string;
  toOurs(data: Json): Json;
}

/** Ours' global ID of a chapter row: base64url of "Chapter:<id>". */
const ourChapterId = (id: number) => Buffer.from(`Chapter:${id}`).toString("base64url");
/** PostGraphile v4's node ID of a chapter row: base64 of ["chapters", id] as JSON. */
export const peerChapterNodeId = (id: number) => Buffer.from(JSON.stringify(["chapters", id])).toString("base64");

type Connection<T> = { nodes: T[] };
type Snapshot = { takenOn: string; individualMembers: number; organizationMembers: number; sourceBySourceId: { synthetic: boolean } };
const snapshot = (s: Snapshot) => ({ date: s.takenOn, individualMembers: s.individualMembers, organizationMembers: s.organizationMembers, synthetic: s.sourceBySourceId.synthetic });
const SNAPSHOT_FIELDS = "takenOn individualMembers organizationMembers sourceBySourceId { synthetic }";
/** Ours lists current (not archived) records only; PostGraphile is asked for the same. */
const CURRENT = "condition: { archivedAt: null }";

/** Keyed by the names of bench/operations.ts. */
export const PEER_OPERATIONS: Record<string, PeerOperation> = {
  listing: {
    query: `query Listing { allChapters(first: 100, orderBy: [NAME_ASC, PRIMARY_KEY_ASC], ${CURRENT}) { totalCount nodes {
      id name countryByCountryCode { code name } regionByRegionId { name }
      participationsByChapterId(orderBy: [SINCE_ASC, PRIMARY_KEY_ASC], ${CURRENT}) { nodes { since programmeByProgrammeId { name } } }
      membershipSnapshotsByChapterId(first: 1, orderBy: TAKEN_ON_DESC) { nodes { ${SNAPSHOT_FIELDS} } } } } }`,
    toOurs(data) {
      type Node = {
        id: number;
        name: string;
        countryByCountryCode: { code: string; name: string } | null;
        regionByRegionId: { name: string } | null;
        participationsByChapterId: Connection<{ since: string; programmeByProgrammeId: { name: string } }>;
        membershipSnapshotsByChapterId: Connection<Snapshot>;
      };
      const chapters = data.allChapters as { totalCount: number } & Connection<Node>;
      return {
        chapters: {
          totalCount: chapters.totalCount,
          nodes: chapters.nodes.map((c) => ({
            id: ourChapterId(c.id),
            name: c.name,
            country: c.countryByCountryCode,
            region: c.regionByRegionId,
            programmes: c.participationsByChapterId.nodes.map((p) => ({ since: p.since, programme: p.programmeByProgrammeId })),
            membership: { latest: c.membershipSnapshotsByChapterId.nodes.map(snapshot)[0] ?? null },
          })),
        },
      };
    },
  },
  detail: {
    query: `query Detail { chapterBySlug(slug: "kenya") { name status regionByRegionId { name } countryByCountryCode { name }
      participationsByChapterId(orderBy: [SINCE_ASC, PRIMARY_KEY_ASC], ${CURRENT}) { nodes { programmeByProgrammeId { name } } }
      membershipHistory(fromDate: "2024-01-01", toDate: "2025-12-31") { nodes { ${SNAPSHOT_FIELDS} } } sourceBySourceId { url } } }`,
    toOurs(data) {
      const c = data.chapterBySlug as {
        name: string;
        status: string;
        regionByRegionId: { name: string } | null;
        countryByCountryCode: { name: string } | null;
        participationsByChapterId: Connection<{ programmeByProgrammeId: { name: string } }>;
        membershipHistory: Connection<Snapshot>;
        sourceBySourceId: { url: string };
      };
      return {
        chapter: {
          name: c.name,
          status: c.status.toUpperCase(),
          region: c.regionByRegionId,
          country: c.countryByCountryCode,
          programmes: c.participationsByChapterId.nodes.map((p) => ({ programme: p.programmeByProgrammeId })),
          membership: { history: c.membershipHistory.nodes.map(snapshot) },
          source: c.sourceBySourceId,
        },
      };
    },
  },
  dashboard: {
    query: `query Dashboard { allRegions(orderBy: NAME_ASC) { nodes { name q1: memberTotals(atDate: "2024-03-31") { individualMembers synthetic }
      q2: memberTotals(atDate: "2024-06-30") { individualMembers } q3: memberTotals(atDate: "2024-09-30") { individualMembers }
      q4: memberTotals(atDate: "2024-12-31") { individualMembers } } } }`,
    toOurs(data) {
      return { regions: (data.allRegions as Connection<Json>).nodes };
    },
  },
  node: {
    query: `query Nodes { ${Array.from({ length: 20 }, (_, i) => `n${i + 1}: node(nodeId: "${peerChapterNodeId(i + 1)}") { ... on Chapter { id name regionByRegionId { name } } }`).join("\n")} }`,
    toOurs(data) {
      const nodes = Object.values(data) as ({ id: number; name: string; regionByRegionId: { name: string } | null } | null)[];
      return { nodes: nodes.map((n) => n && { id: ourChapterId(n.id), name: n.name, region: n.regionByRegionId }) };
    },
  },
};

/** Serves PostGraphile on `port`, counting the statements its pool sends. */
export async function startPostGraphile(databaseUrl: string, port: number): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  let statements = 0;
  pool.on("connect", (client: PoolClient) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      statements++;
      return query(...args);
    };
  });
  const handler = postgraphile(pool, "public", POSTGRAPHILE_OPTIONS);
  const server = http.createServer((req, res) => {
    if (req.url === "/bench/statements") res.writeHead(200, { "content-type": "text/plain" }).end(String(statements));
    else void handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
}

if (require.main === module) {
  void startPostGraphile(process.env.DATABASE_URL!, Number(process.env.PORT));
}
