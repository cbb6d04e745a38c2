/**
 * The baseline of `npm run bench`: a minimal node:http server that answers
 * each benchmark operation with ONE hand-written, prepared SQL statement that
 * builds the whole JSON answer in PostgreSQL (json_agg). It approximates the
 * best Node and PostgreSQL can do for these operations; it is not a server
 * anyone should run.
 */
import http from "node:http";
import { Pool } from "pg";

const gid = (type: string, column: string) => `rtrim(translate(encode(convert_to('${type}:' || ${column}, 'UTF8'), 'base64'), '+/', '-_'), '=')`;

const LATEST = `(SELECT json_build_object('date', m.taken_on, 'individualMembers', m.individual_members, 'organizationMembers', m.organization_members, 'synthetic', s.synthetic)
   FROM membership_snapshot m JOIN source s ON s.id = m.source_id WHERE m.chapter_id = c.id ORDER BY m.taken_on DESC LIMIT 1)`;

/** One statement per operation name; each returns one row with one column, the response body. */
export const BASELINE_SQL: Record<string, string> = {
  listing: `SELECT json_build_object('data', json_build_object('chapters', json_build_object('totalCount', (SELECT count(*) FROM chapter), 'nodes', coalesce(json_agg(x.node ORDER BY x.name, x.id), '[]'))))::text AS body
    FROM (SELECT c.id, c.name, json_build_object('id', ${gid("Chapter", "c.id")}, 'name', c.name,
            'country', CASE WHEN co.code IS NULL THEN NULL ELSE json_build_object('code', co.code, 'name', co.name) END,
            'region', CASE WHEN r.id IS NULL THEN NULL ELSE json_build_object('name', r.name) END,
            'programmes', (SELECT coalesce(json_agg(json_build_object('since', pa.since, 'programme', json_build_object('name', p.name)) ORDER BY pa.since, pa.id), '[]')
                             FROM participation pa JOIN programme p ON p.id = pa.programme_id WHERE pa.chapter_id = c.id),
            'membership', json_build_object('latest', ${LATEST})) AS node
          FROM chapter c LEFT JOIN country co ON co.code = c.country_code LEFT JOIN region r ON r.id = c.region_id
         ORDER BY c.name, c.id LIMIT 100) x`,
  detail: `SELECT json_build_object('data', json_build_object('chapter', json_build_object('name', c.name, 'status', upper(c.status),
      'region', json_build_object('name', r.name), 'country', json_build_object('name', co.name),
      'programmes', (SELECT coalesce(json_agg(json_build_object('programme', json_build_object('name', p.name))), '[]') FROM participation pa JOIN programme p ON p.id = pa.programme_id WHERE pa.chapter_id = c.id),
      'membership', json_build_object('history', (SELECT coalesce(json_agg(json_build_object('date', m.taken_on, 'individualMembers', m.individual_members, 'organizationMembers', m.organization_members, 'synthetic', s.synthetic) ORDER BY m.taken_on), '[]')
                       FROM membership_snapshot m JOIN source s ON s.id = m.source_id WHERE m.chapter_id = c.id AND m.taken_on BETWEEN '2024-01-01' AND '2025-12-31')),
      'source', (SELECT json_build_object('url', s.url) FROM source s WHERE s.id = c.source_id))))::text AS body
    FROM chapter c LEFT JOIN region r ON r.id = c.region_id LEFT JOIN country co ON co.code = c.country_code WHERE c.slug = 'kenya'`,
  dashboard: `SELECT json_build_object('data', json_build_object('regions', json_agg(x.region ORDER BY x.name)))::text AS body
    FROM (SELECT r.name, json_build_object('name', r.name,
            'q1', (SELECT json_build_object('individualMembers', coalesce(sum(t.i), 0), 'synthetic', coalesce(bool_or(t.syn), false)) FROM (${at("'2024-03-31'")}) t),
            'q2', (SELECT json_build_object('individualMembers', coalesce(sum(t.i), 0)) FROM (${at("'2024-06-30'")}) t),
            'q3', (SELECT json_build_object('individualMembers', coalesce(sum(t.i), 0)) FROM (${at("'2024-09-30'")}) t),
            'q4', (SELECT json_build_object('individualMembers', coalesce(sum(t.i), 0)) FROM (${at("'2024-12-31'")}) t)) AS region
          FROM region r) x`,
  node: `SELECT json_build_object('data', json_build_object('nodes', json_agg(json_build_object('id', ${gid("Chapter", "c.id")}, 'name', c.name, 'region', json_build_object('name', r.name)) ORDER BY c.id)))::text AS body
    FROM chapter c LEFT JOIN region r ON r.id = c.region_id WHERE c.id BETWEEN 1 AND 20`,
};

function at(date: string): string {
  return `SELECT m.individual_members AS i, s.synthetic AS syn FROM chapter c CROSS JOIN LATERAL (
            SELECT ms.individual_members, ms.source_id FROM membership_snapshot ms WHERE ms.chapter_id = c.id AND ms.taken_on <= ${date}::date
            ORDER BY ms.taken_on DESC LIMIT 1) m JOIN source s ON s.id = m.source_id WHERE c.region_id = r.id`;
}

/**
 * Serves POST /baseline/<operation> on `port`, and GET /baseline/statements, the
 * number of statements sent so far (as the benchmark asks every server);
 * resolves with a function that stops it.
 */
export async function startBaseline(databaseUrl: string, port: number): Promise<() => Promise<void>> {
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  let statements = 0;
  const server = http.createServer((req, res) => {
    const name = (req.url ?? "").split("/").pop()!;
    const text = BASELINE_SQL[name];
    req.resume();
    if (name === "statements") {
      res.writeHead(200, { "content-type": "text/plain" }).end(String(statements));
      return;
    }
    if (!text) {
      res.writeHead(404).end();
      return;
    }
    statements++;
    pool.query<{ body: string }>({ name: `baseline_${name}`, text }).then(
      ({ rows }) => res.writeHead(200, { "content-type": "application/json" }).end(rows[0].body),
      (error: Error) => res.writeHead(500).end(error.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return async () => {
    await new Promise((resolve) => server.close(resolve));
    await pool.end();
  };
}

if (require.main === module) {
  const [url, port] = [process.env.DATABASE_URL!, Number(process.env.PORT)];
  void startBaseline(url, port).then(() => process.stdout.write("ready\n"));
}
