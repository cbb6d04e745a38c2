/**
 * The chapter read planner as a pure function: a query's selection in, the
 * joins it plans (with the properties it reads of each row) and the SQL of
 * the page's statement out. No database.
 */
import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from "graphql";
import { getSchema } from "../../src/graphql/schema";
import { ChapterOrderField, OrderDirection } from "../../src/graphql/types/chapter.type";
import { chapterConnectionJoins, chapterFieldJoins } from "../../src/planning/chapter-plan";
import { chapterRepository, type ChapterJoins } from "../../src/repositories/chapter.repository";
import type { SelectionSource } from "../../src/planning/selection";
import type { SqlClient } from "../../src/db/sql";

/** What a resolver of the query's first root field would be given (only the parts graphql-jit passes too). */
function infoOf(query: string, variableValues: Record<string, unknown> = {}, path: string[] = []): SelectionSource {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  let field = operation.selectionSet.selections[0] as FieldNode;
  for (const name of path) field = field.selectionSet!.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === name)!;
  return { fieldNodes: [field], fragments, variableValues, schema: getSchema() };
}

const NONE = { chapter: [], country: null, region: null, source: null, latestSnapshot: null, participations: null, histories: null };

describe("which joins a chapter connection's selection plans", () => {
  it("plans every relation of the benchmark listing, reading only the properties its fields read", () => {
    const info = infoOf(`{ chapters(first: 100) { totalCount nodes { id name country { code name } region { name }
      programmes { since programme { name } } membership { latest { date individualMembers organizationMembers synthetic } } } } }`);
    expect(chapterConnectionJoins(info)).toEqual({
      ...NONE,
      chapter: ["rowId", "name", "countryCode", "regionId"],
      country: ["code", "name"],
      region: ["name"],
      latestSnapshot: { snapshot: ["date", "individualMembers", "organizationMembers", "synthetic"], source: null },
      participations: { participation: ["programmeId", "since"], programme: ["name"] },
    });
  });

  it("reads only the chapter properties asked when no relation is; a field returning chapters then leaves them to the chapter loader", () => {
    expect(chapterConnectionJoins(infoOf(`{ chapters { totalCount pageInfo { hasNextPage } nodes { id name foundedOn membership { __typename } } } }`))).toEqual({
      ...NONE,
      chapter: ["rowId", "name", "foundedOn"],
    });
    expect(chapterFieldJoins(infoOf(`{ chapter(slug: "benin") { id name membership { __typename } } }`))).toBeNull();
    expect(chapterFieldJoins(infoOf(`{ chapter(slug: "benin") { id region { __typename } } }`))).toEqual({ ...NONE, chapter: ["rowId", "regionId"], region: [] });
  });

  it("plans each distinct history range its occurrences ask, arguments read as the resolver gets them", () => {
    const info = infoOf(
      `query($from: Date, $since: DateTime) { chapters { nodes { membership { a: history(from: $from) { date }
        b: history(from: "2024-01-01") { date } c: history(to: "2025-12-31", since: $since) { date } d: history { date } } } } }`,
      { from: new Date("2024-01-01"), since: new Date("2026-01-01T12:00:00.000Z") }, // variables arrive coerced
    );
    expect(chapterConnectionJoins(info)).toEqual({
      ...NONE,
      chapter: ["rowId"],
      histories: {
        ranges: [
          { from: "2024-01-01", to: null, since: null },
          { from: null, to: "2025-12-31", since: "2026-01-01T12:00:00.000Z" },
          { from: null, to: null, since: null },
        ],
        snapshot: ["date"],
      },
    });
  });

  it("leaves every history to its resolver when one asks for an impossible range (the error belongs to that field)", () => {
    const info = infoOf(`{ chapters { nodes { country { code } membership { ok: history { date } bad: history(from: "2025-01-01", to: "2024-01-01") { date } } } } }`);
    expect(chapterConnectionJoins(info)).toEqual({ ...NONE, chapter: ["rowId", "countryCode"], country: ["code"] });
  });

  it("reads nodes and edges.node together, through aliases, fragments and inline fragments", () => {
    const info = infoOf(`
      query { chapters { edges { node { ...Where } } n: nodes { ... on Chapter { p: programmes { since } } ... on Node { id } } } }
      fragment Where on Chapter { place: country { name } membership { ... { latest { source { url } } } } }`);
    expect(chapterConnectionJoins(info)).toEqual({
      ...NONE,
      chapter: ["rowId", "countryCode"],
      country: ["name"],
      latestSnapshot: { snapshot: ["sourceId"], source: ["url"] },
      participations: { participation: ["since"], programme: null },
    });
  });

  it("ignores fragments whose type condition is another type, and fields under @skip or a false @include", () => {
    const info = infoOf(
      `query($no: Boolean!) { chapters { nodes { ... on Region { name } region @skip(if: true) { name } source @include(if: $no) { url }
        ... on Timestamped { updatedAt } country @include(if: true) { code } } } }`,
      { no: false },
    );
    expect(chapterConnectionJoins(info)).toEqual({ ...NONE, chapter: ["countryCode", "updatedAt"], country: ["code"] });
  });

  it("plans an operation once per set of variable values: the same field node and variables get the same plan", () => {
    const query = `query($withCountry: Boolean!) { chapters { nodes { name country @include(if: $withCountry) { code } } } }`;
    const withCountry = infoOf(query, { withCountry: true });
    const plan = chapterConnectionJoins(withCountry);
    expect(chapterConnectionJoins({ ...withCountry })).toBe(plan);
    expect(plan).toEqual({ ...NONE, chapter: ["name", "countryCode"], country: ["code"] });
    // The same nodes with other variables: another plan, made for them.
    expect(chapterConnectionJoins({ ...withCountry, variableValues: { withCountry: false } })).toEqual({ ...NONE, chapter: ["name"] });
    expect(chapterConnectionJoins(withCountry)).toBe(plan);
    // A field merged from two nodes is planned afresh each time (the pair is not a key).
    const merged = { ...withCountry, fieldNodes: [withCountry.fieldNodes[0], withCountry.fieldNodes[0]] };
    expect(chapterConnectionJoins(merged)).not.toBe(chapterConnectionJoins(merged));
    expect(chapterConnectionJoins(merged)).toEqual(plan);
  });

  it("plans region.chapters from its own selection", () => {
    const info = infoOf(`{ regions { name chapters(first: 5) { nodes { region { slug } source { url } } } } }`, {}, ["chapters"]);
    expect(chapterConnectionJoins(info)).toEqual({ ...NONE, chapter: ["regionId", "sourceId"], region: ["slug"], source: ["url"] });
  });
});

describe("the page statement with planned joins", () => {
  const page = { ordering: "name:ASC", fingerprint: "", forward: true, limit: 10, after: null, before: null };
  const ordering = { field: ChapterOrderField.NAME, direction: OrderDirection.ASC };
  const statement = (joins: Parameters<typeof chapterRepository.pageStatement>[5]) =>
    chapterRepository.pageStatement("public", { kind: "all" }, { search: "net" }, ordering, page, joins);

  it("without joins is the plain page statement", () => {
    const { text, values } = statement(null);
    expect(text).not.toMatch(/LATERAL \(SELECT r\."rowId"/);
    expect(text).not.toMatch(/AS country|latest|participation/);
    expect(values).toEqual(["%net%", 11]);
  });

  it("adds exactly the planned relations, each reading the columns asked and the keys it needs, and no parameters", () => {
    const { text, values } = statement({
      ...NONE,
      chapter: ["name", "foundedOn"],
      country: ["name"],
      latestSnapshot: { snapshot: ["individualMembers"], source: null },
      participations: { participation: ["since"], programme: ["name"] },
    });
    expect(values).toEqual(["%net%", 11]);
    // The page's rows: their id, the sort column, the country's key, and what was asked.
    expect(text).toContain(`SELECT c.id AS "rowId", c.name AS "name", c.country_code AS "countryCode", c.founded_on AS "foundedOn"\n           FROM chapter c`);
    expect(text).toContain(`LEFT JOIN LATERAL (SELECT r."rowId" AS chapter_id, r."countryCode" AS country_code) k ON true`);
    expect(text).toContain(`LEFT JOIN LATERAL (SELECT c.code AS "code", c.name AS "name" FROM country c WHERE c.code = k.country_code) country_row ON true`);
    expect(text).toContain(`CASE WHEN country_row.code IS NULL THEN NULL ELSE row_to_json(country_row) END AS country`);
    expect(text).toMatch(
      /LEFT JOIN LATERAL \(SELECT m\.id AS "rowId", m\.individual_members AS "individualMembers"\n\s*FROM \(SELECT \* FROM membership_snapshot ms WHERE ms\.chapter_id = k\.chapter_id ORDER BY ms\.taken_on DESC LIMIT 1\) m/,
    );
    expect(text).toContain(`(SELECT pa.id AS "rowId", pa.since AS "since", pa.programme_id AS "programmeId" FROM participation pa WHERE pa.chapter_id = k.chapter_id AND pa.archived_at IS NULL)`);
    expect(text).toContain(`(SELECT p.id AS "rowId", p.name AS "name" FROM programme p WHERE p.id IN`);
    expect(text).not.toMatch(/AS (region|source)\b|"latestSnapshotSource"|updated_at|description|evidence_note|"kind"/);
  });

  it("reads a history's bounds as parameters, only those given", () => {
    const ranges = [{ from: "2024-01-01", to: null, since: null }, { from: null, to: "2025-12-31", since: "2026-01-01T00:00:00.000Z" }];
    const { text, values } = statement({ ...NONE, histories: { ranges, snapshot: ["individualMembers"] } });
    expect(values).toEqual(["%net%", "2024-01-01", "2025-12-31", "2026-01-01T00:00:00.000Z", 11]);
    expect(text).toMatch(/WHERE m\.chapter_id = k\.chapter_id AND m\.taken_on >= \$2::date\) h\) AS history_0/);
    expect(text).toMatch(/WHERE m\.chapter_id = k\.chapter_id AND m\.taken_on <= \$3::date AND m\.updated_at > \$4::timestamptz\) h\) AS history_1/);
  });

  it("keeps one definition of the chapter filter: the planned statement filters exactly as the plain one", () => {
    const where = (text: string) => text.match(/WHERE .*$/gm)!.filter((line) => line.includes("c.archived_at IS NULL"));
    expect(where(statement({ ...NONE, region: ["name"] }).text)).toEqual(where(statement(null).text));
  });
});

describe("the statement of chapters by key with planned joins", () => {
  /** A SQL client that only records what it is sent. */
  const recording = () => {
    const sent: { text: string; values: unknown[] }[] = [];
    const sql = { rows: async (text: string, values: unknown[]) => (sent.push({ text, values }), []) } as unknown as SqlClient;
    return { sql, sent };
  };
  const joins: ChapterJoins = { ...NONE, chapter: ["name"], region: ["name"], histories: { ranges: [{ from: "2024-01-01", to: null, since: null }], snapshot: ["date"] } };

  it("compares one key as a scalar and several as an array, the plan's values after the key", async () => {
    const { sql, sent } = recording();
    await chapterRepository.withRelations(sql, "public", "slug", ["benin"], joins);
    await chapterRepository.withRelations(sql, "public", "slug", ["benin", "kenya"], joins);
    expect(sent[0].text).toContain("c.slug = $1::text AND c.archived_at IS NULL");
    expect(sent[0].values).toEqual(["benin", "2024-01-01"]);
    expect(sent[1].text).toContain("c.slug = ANY($1::text[]) AND c.archived_at IS NULL");
    expect(sent[1].values).toEqual([["benin", "kenya"], "2024-01-01"]);
  });

  it("writes a plan's statement once per visibility and key form: the same text object for other keys, another for editors", async () => {
    const { sql, sent } = recording();
    await chapterRepository.withRelations(sql, "public", "id", [1], joins);
    await chapterRepository.withRelations(sql, "public", "id", [2], joins);
    await chapterRepository.withRelations(sql, "editor", "id", [2], joins);
    expect(sent[1].text).toBe(sent[0].text);
    expect(sent[1].values).toEqual([2, "2024-01-01"]);
    expect(sent[2].text).not.toContain("archived_at IS NULL");
  });
});
