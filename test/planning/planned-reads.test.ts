/**
 * Planned reads against PostgreSQL: a chapter list that fetches its relations
 * in its own statement answers exactly what the loaders answer, byte for
 * byte, for anonymous callers and editors, with archived chapters and
 * participations in the data. The reference is `node(id)`, which resolves
 * every relation through the loaders (it is not planned).
 */
import type { ApolloServer } from "@apollo/server";
import type { Caller } from "../../src/auth/caller";
import { createContext, type Context } from "../../src/graphql/context";
import { toGlobalId } from "../../src/graphql/relay/global-id";
import { createApolloServer } from "../../src/graphql/server";
import { openHarness, testBudgets, type Harness } from "../support/harness";

let h: Harness;
let apollo: ApolloServer<Context>;
beforeAll(async () => {
  h = await openHarness({ scratch: true });
  apollo = createApolloServer([], { budgets: testBudgets() });
  await apollo.start();
  // Archived records the planner must hide (or show) exactly as the loaders do: the first chapter by name, and a
  // participation of another chapter on the first page.
  await h.dataSource.query(`UPDATE chapter SET archived_at = now() WHERE id = (SELECT id FROM chapter ORDER BY name, id LIMIT 1)`);
  await h.dataSource.query(
    `UPDATE participation SET archived_at = now() WHERE id = (
       SELECT pa.id FROM participation pa JOIN (SELECT id FROM chapter ORDER BY name, id LIMIT 100 OFFSET 1) c ON c.id = pa.chapter_id ORDER BY pa.id LIMIT 1)`,
  );
});
afterAll(async () => {
  await apollo.stop();
  await h.close();
});

const ANONYMOUS: Caller = { role: "anonymous", key: null, ip: "127.0.0.1" };
const EDITOR: Caller = { role: "editor", key: { id: 0, name: "planner test" }, ip: "127.0.0.1" };

/** Runs an operation as `caller`; returns the answer's JSON text (what a client receives) and the statements sent. */
async function run(caller: Caller, query: string): Promise<{ json: string; data: any; statements: number }> {
  const counter = { statements: 0 };
  const result = await apollo.executeOperation({ query }, { contextValue: createContext({ sql: h.sql.counting(counter), dataSource: h.dataSource }, { caller }) });
  if (result.body.kind !== "single") throw new Error("expected a single result");
  expect(result.body.singleResult.errors).toBeUndefined();
  const data = result.body.singleResult.data;
  return { json: JSON.stringify(data), data, statements: counter.statements };
}

/**
 * The same fields of the same chapters through node(id), one alias each (in
 * requests small enough for the alias limit of 30): every relation through the loaders.
 */
async function throughLoaders(caller: Caller, ids: string[], fields: string): Promise<string[]> {
  const aliasesPerNode = 1 + (fields.match(/\w+:\s*\w+\s*[{(]/g)?.length ?? 0);
  const size = Math.floor(30 / aliasesPerNode);
  const answers: string[] = [];
  for (let start = 0; start < ids.length; start += size) {
    const chunk = ids.slice(start, start + size);
    const { data } = await run(caller, `{ ${chunk.map((id, i) => `n${i}: node(id: "${id}") { ...F }`).join("\n")} } fragment F on Chapter { ${fields} }`);
    answers.push(...chunk.map((_, i) => JSON.stringify(data[`n${i}`])));
  }
  return answers;
}

/** Chapter fields to compare, and the statements the planned listing sends for them (null: not checked, loaders follow). */
const SHAPES: Record<string, [string, number | null]> = {
  "every planned relation, every field": [`id slug name kind status foundedOn website evidenceNote updatedAt version archivedAt
    country { id code name updatedAt } region { id slug name updatedAt }
    source { id url title retrievedOn licenceId licenceNote synthetic note updatedAt }
    programmes { id since sincePrecision evidenceNote archivedAt updatedAt version programme { id slug name area description updatedAt } }
    membership { latest { id date individualMembers organizationMembers synthetic updatedAt version source { id url licenceId synthetic } } }`, 1],
  "the benchmark listing": [`id name country { code name } region { name } programmes { since programme { name } }
    membership { latest { date individualMembers organizationMembers synthetic } }`, 1],
  "relations with aliases, and unplanned ones below planned ones": [`id p: programmes { id source { url } programme { id slug source { url } } }
    membership { l: latest { id chapter { slug } } history(from: "2025-01-01") { date } } c: country { code } country { name }`, null],
  "sources and regions only": [`source { id url licenceId licenceNote } region { id slug name }`, 1],
  "membership histories: every field, aliases with distinct and repeated ranges": [`membership {
    all: history { id date individualMembers organizationMembers synthetic updatedAt version }
    recent: history(from: "2025-01-01", to: "2025-06-30") { date individualMembers }
    again: history(to: "2025-06-30", from: "2025-01-01") { synthetic }
    changed: history(since: "2020-01-01T00:00:00Z") { date } }`, 1],
  "a history's snapshots' sources (through their loader)": [`membership { history(from: "2024-01-01") { date source { url synthetic } } }`, 2],
};

describe.each([
  ["an anonymous caller", ANONYMOUS],
  ["an editor", EDITOR],
])("for %s", (_who, caller) => {
  it.each(Object.entries(SHAPES))("chapters answers %s exactly as the loaders do", async (_shape, [fields, statements]) => {
    const planned = await run(caller, `{ chapters(first: 100) { nodes { id ${fields} } } }`);
    if (statements !== null) expect(planned.statements).toBe(statements);
    const nodes: any[] = planned.data.chapters.nodes;
    expect(nodes).toHaveLength(100);
    expect(nodes.map((node) => JSON.stringify(node))).toEqual(await throughLoaders(caller, nodes.map((n) => n.id), `id ${fields}`));
  });

  it("region.chapters answers as the loaders do", async () => {
    const [fields] = SHAPES["every planned relation, every field"];
    const planned = await run(caller, `{ regions { chapters(first: 40) { nodes { ${fields} } } } }`);
    expect(planned.statements).toBe(2);
    const nodes: any[] = planned.data.regions.flatMap((r: any) => r.chapters.nodes);
    expect(nodes.length).toBeGreaterThan(40);
    expect(nodes.map((node) => JSON.stringify(node))).toEqual(await throughLoaders(caller, nodes.map((n) => n.id), fields));
  });

  it("nodes(ids) and chapter(slug) answer as the loaders do (archived chapters: null unless an editor asks)", async () => {
    const [fields] = SHAPES["every planned relation, every field"];
    const ids: string[] = (await run(EDITOR, `{ chapters(first: 60) { nodes { id } } }`)).data.chapters.nodes.map((n: any) => n.id);
    const planned = await run(caller, `{ nodes(ids: [${ids.map((id) => `"${id}"`).join(", ")}]) { id ... on Chapter { ${fields} } } }`);
    expect(planned.statements).toBe(1);
    const answers = planned.data.nodes.map((node: any) => JSON.stringify(node));
    expect(answers.filter((answer: string) => answer === "null")).toHaveLength(caller === EDITOR ? 0 : 1);
    expect(answers).toEqual(await throughLoaders(caller, ids, `id ${fields}`));

    const slugs = (await run(EDITOR, `{ nodes(ids: [${ids.slice(0, 3).map((id) => `"${id}"`).join(", ")}]) { ... on Chapter { slug } } }`)).data.nodes.map((n: any) => n.slug);
    const bySlug = await run(caller, `{ ${slugs.map((slug: string, i: number) => `s${i}: chapter(slug: "${slug}") { ${fields} }`).join(" ")} }`);
    expect(bySlug.statements).toBe(1);
    expect(slugs.map((_: string, i: number) => JSON.stringify(bySlug.data[`s${i}`]))).toEqual(await throughLoaders(caller, ids.slice(0, 3), fields));
  });

  it("programme.chapters answers as the loaders do (participations of archived chapters left out)", async () => {
    const [fields] = SHAPES["every planned relation, every field"];
    const slugs: string[] = (await run(caller, `{ programmes { slug } }`)).data.programmes.map((p: any) => p.slug).slice(0, 6);
    const programmes = (selection: string) => `{ ${slugs.map((slug, i) => `p${i}: programme(slug: "${slug}") { chapters { ${selection} } }`).join(" ")} }`;
    const planned = await run(caller, programmes(`id since archivedAt chapter { ${fields} }`));
    expect(planned.statements).toBe(2);
    const participations: any[] = Object.values(planned.data).flatMap((p: any) => p.chapters);
    expect(participations.length).toBeGreaterThan(5);
    const reference = await run(caller, programmes("id since archivedAt"));
    expect(participations.map(({ id, since, archivedAt }) => ({ id, since, archivedAt }))).toEqual(Object.values(reference.data).flatMap((p: any) => p.chapters));
    const chapters = participations.map((p) => p.chapter);
    expect(chapters.map((chapter) => JSON.stringify(chapter))).toEqual(await throughLoaders(caller, chapters.map((c) => c.id), fields));
  });

  it("lists the archived chapter and the archived participation for editors only (the one visibility rule)", async () => {
    const { data } = await run(caller, `{ chapters(first: 100) { nodes { archivedAt programmes { archivedAt } } } }`);
    const nodes: any[] = data.chapters.nodes;
    expect(nodes.some((n) => n.archivedAt !== null)).toBe(caller === EDITOR);
    expect(nodes.flatMap((n) => n.programmes).some((p: any) => p.archivedAt !== null)).toBe(caller === EDITOR);
  });
});

it("a planned row serves only the fields it was planned for: the same records asked elsewhere are loaded in full", async () => {
  // The page reads only the countries' names; deeper, the same countries are asked with every field, and must not get the page's partial rows.
  const { data, statements } = await run(
    ANONYMOUS,
    `{ chapters(first: 50) { nodes { country { name } membership { latest { chapter { country { id code name updatedAt } } } } } } }`,
  );
  expect(statements).toBe(3); // the page (with countries' names and latest snapshots), the snapshots' chapters by id, their countries
  const countries = data.chapters.nodes.map((n: any) => n.membership.latest?.chapter.country).filter(Boolean);
  expect(countries.length).toBeGreaterThan(0);
  const { data: reference } = await run(ANONYMOUS, `{ ${countries.map((c: any, i: number) => `c${i}: node(id: "${toGlobalId("Country", c.code)}") { ... on Country { id code name updatedAt } }`).slice(0, 25).join(" ")} }`);
  expect(countries.slice(0, 25)).toEqual(Object.values(reference));
});
