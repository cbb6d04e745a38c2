/**
 * Archived means hidden, at every path. An editor archives a chapter that has
 * snapshots and programme participations; then every query path of the
 * schema, generated from introspection (so a path added later is walked
 * without anyone writing a query for it), is run as an anonymous caller, and
 * no answer may hold the chapter, its snapshots or its participations: not
 * their IDs, nor the chapter's slug or name (which is how aggregates grouped
 * by chapter would show it). Every export is read the same way. An editor
 * still reads all of them.
 */
import {
  getIntrospectionQuery,
  type IntrospectionField,
  type IntrospectionInputValue,
  type IntrospectionObjectType,
  type IntrospectionQuery,
  type IntrospectionType,
  type IntrospectionTypeRef,
} from "graphql";
import { toGlobalId } from "../../src/graphql/relay/global-id";
import { EXPORT_TABLES } from "../../src/export/tables";
import { openHarness, serveHttp, type Harness } from "../support/harness";
import { createKey, postGraphQL } from "../support/keys";

let h: Harness;
let base: string;
let stop: () => Promise<void>;
let editor: string;

/** The archived chapter's slug, region and programmes: the strings a required argument is tried with. */
let strings: string[];
/** The global IDs of the archived chapter, its snapshots and its participations. */
let hiddenIds: string[];
/** One of each kind: the chapter, a snapshot and a participation (an `id` argument is tried with each; `ids` gets them all). */
let oneOfEach: string[];
/** Every string that must appear in no anonymous answer. */
let hidden: Set<string>;

beforeAll(async () => {
  h = await openHarness({ scratch: true });
  const served = await serveHttp(h);
  base = served.base;
  stop = served.server.stop;
  editor = await createKey(h.sql, "visibility-editor", "editor");

  // A chapter with everything that can hang off it: snapshots and participations.
  const [chapter] = await h.dataSource.query(
    `SELECT c.id, c.slug, c.name, c.version, r.slug AS region FROM chapter c JOIN region r ON r.id = c.region_id
      WHERE EXISTS (SELECT 1 FROM participation pa WHERE pa.chapter_id = c.id) AND EXISTS (SELECT 1 FROM membership_snapshot m WHERE m.chapter_id = c.id)
      ORDER BY c.slug LIMIT 1`,
  );
  const snapshots: { id: number }[] = await h.dataSource.query(`SELECT id FROM membership_snapshot WHERE chapter_id = $1 ORDER BY taken_on`, [chapter.id]);
  const participations: { id: number; programme: string }[] = await h.dataSource.query(
    `SELECT pa.id, p.slug AS programme FROM participation pa JOIN programme p ON p.id = pa.programme_id WHERE pa.chapter_id = $1`,
    [chapter.id],
  );
  hiddenIds = [
    toGlobalId("Chapter", chapter.id),
    ...snapshots.map((s) => toGlobalId("MembershipSnapshot", s.id)),
    ...participations.map((p) => toGlobalId("Participation", p.id)),
  ];
  oneOfEach = [hiddenIds[0], toGlobalId("MembershipSnapshot", snapshots[0].id), toGlobalId("Participation", participations[0].id)];
  hidden = new Set([...hiddenIds, chapter.slug, chapter.name]);
  strings = [chapter.slug, chapter.region, ...participations.map((p) => p.programme)];

  const archived = await postGraphQL(base, `mutation($id: ID!, $v: Int!) { archiveChapter(id: $id, version: $v) { archivedAt } }`, { id: hiddenIds[0], v: chapter.version }, { token: editor });
  expect(archived.errors).toBeUndefined();
});
afterAll(async () => {
  await stop();
  await h.close();
});

/** The types of the objects in an answer (every level selects `__typename`). */
function typenames(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) typenames(item, found);
  else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key === "__typename") found.add(item as string);
      else typenames(item, found);
    }
  }
  return found;
}

/** The hidden strings found among the values of an answer. */
function leaks(value: unknown, found: string[] = []): string[] {
  if (typeof value === "string" && hidden.has(value)) found.push(value);
  else if (Array.isArray(value)) for (const item of value) leaks(item, found);
  else if (value && typeof value === "object") for (const item of Object.values(value)) leaks(item, found);
  return found;
}

// ---- Query paths, from introspection ---------------------------------------------------------

/**
 * Stand-ins for a page size and an `ids` list: the largest ones first (the
 * archived chapter must not hide behind a page end), and smaller ones for a
 * path whose largest form costs more than a query may.
 */
const PAGE = "$page";
const IDS = "$ids";
const SIZES = [
  { page: 100, ids: () => hiddenIds.slice(0, 100) },
  { page: 5, ids: () => oneOfEach },
];

/** How deep a path goes below Query; a type appears at most once on a path, so every relation is crossed. */
const MAX_DEPTH = 5;

type Types = Map<string, IntrospectionType>;

function named(ref: IntrospectionTypeRef): string {
  return "ofType" in ref && ref.ofType ? named(ref.ofType) : (ref as { name: string }).name;
}
const required = (ref: IntrospectionTypeRef) => ref.kind === "NON_NULL";
const isList = (ref: IntrospectionTypeRef): boolean => ref.kind === "LIST" || (ref.kind === "NON_NULL" && isList(ref.ofType));

/** The fields of an object or interface type, or none. */
function fieldsOf(types: Types, name: string): readonly IntrospectionField[] {
  const type = types.get(name)!;
  return type.kind === "OBJECT" || type.kind === "INTERFACE" ? (type as IntrospectionObjectType).fields : [];
}
const isComposite = (types: Types, name: string) => ["OBJECT", "INTERFACE", "UNION"].includes(types.get(name)!.kind);

/** The values an argument is tried with; `undefined` leaves it out. */
function argumentValues(types: Types, arg: IntrospectionInputValue): unknown[] {
  const type = named(arg.type);
  const must = required(arg.type) && arg.defaultValue == null;
  const kind = types.get(type)!.kind;
  let values: unknown[] = [];
  if (arg.name === "first") values = [PAGE];
  else if (type === "ID") values = isList(arg.type) ? [IDS] : oneOfEach;
  else if (kind === "ENUM" && (must || arg.defaultValue != null)) values = (types.get(type) as unknown as { enumValues: { name: string }[] }).enumValues.map((v) => v.name);
  else if (type === "DateTime") values = ["2000-01-01T00:00:00Z"];
  else if (must && type === "String") values = strings;
  // Dates always get one (the last year of the seeded series): a range bounds the rows a path reads; which rows are visible does not depend on it.
  else if (type === "Date") return [arg.name === "from" ? "2025-01-01" : "2025-12-31"];
  else if (must) throw new Error(`no test value for the required argument ${arg.name}: ${type}; add one here`);
  return must ? values : [undefined, ...values];
}

/** Every combination of the argument values of a field, as GraphQL argument text ("" for none). */
function argumentSets(types: Types, field: IntrospectionField): string[] {
  let sets: string[][] = [[]];
  for (const arg of field.args) {
    const values = argumentValues(types, arg);
    sets = sets.flatMap((set) =>
      values.map((value) => (value === undefined ? set : [...set, `${arg.name}: ${literal(types, named(arg.type), value)}`])),
    );
  }
  return sets.map((set) => (set.length ? `(${set.join(", ")})` : ""));
}

function literal(types: Types, type: string, value: unknown): string {
  if (value === PAGE || value === IDS) return value as string;
  return types.get(type)!.kind === "ENUM" ? String(value) : JSON.stringify(value);
}

/**
 * The leaf fields of a type that can hold what must stay hidden (IDs and
 * strings: slugs, names, group keys and labels), and `__typename`. Numbers,
 * dates and flags cannot, and leaving them out keeps deep paths within the
 * query cost limit.
 */
function leaves(types: Types, name: string): string {
  const strings = fieldsOf(types, name).filter((f) => ["ID", "String"].includes(named(f.type)) && f.args.every((a) => !required(a.type)));
  return ["__typename", ...strings.map((f) => f.name)].join(" ");
}

/** The concrete types a value of `name` can be. */
function concrete(types: Types, name: string): string[] {
  const type = types.get(name)!;
  return type.kind === "OBJECT" ? [name] : (type as unknown as { possibleTypes: { name: string }[] }).possibleTypes.map((t) => t.name);
}

/** A query (or the selection below a field), and the relations it follows ("Type.field(arguments)"). */
interface Path {
  text: string;
  steps: string[];
}

/** A step's relation without its arguments: "Type.field". */
const edgeOf = (step: string) => step.replace(/\(.*$/, "");

/**
 * Every selection below a value of type `name` that follows one path of at
 * most `depth` relations, each level selecting its leaves, each path ending
 * where it would meet a type already on it.
 */
function selections(types: Types, name: string, depth: number, onPath: Set<string>): Path[] {
  const found: Path[] = [];
  for (const object of concrete(types, name)) {
    const wrap = (inner: string) => (object === name ? inner : `... on ${object} { ${inner} }`);
    found.push({ text: wrap(leaves(types, object)), steps: [] });
    if (depth === 0) continue;
    for (const field of fieldsOf(types, object)) {
      const target = named(field.type);
      if (!isComposite(types, target) || onPath.has(target)) continue;
      const below = selections(types, target, depth - 1, new Set([...onPath, target]));
      for (const args of argumentSets(types, field)) {
        for (const selection of below) {
          found.push({ text: wrap(`${leaves(types, object)} ${field.name}${args} { ${selection.text} }`), steps: [`${object}.${field.name}${args}`, ...selection.steps] });
        }
      }
    }
  }
  return found;
}

/** One query per path from the root through the schema's relations, each with every argument set its fields are tried with. */
async function everyQueryPath(): Promise<Path[]> {
  const { data } = await h.run<IntrospectionQuery>(getIntrospectionQuery());
  const types: Types = new Map(data!.__schema.types.map((t) => [t.name, t]));
  const root = data!.__schema.queryType.name;
  const queries: Path[] = [];
  for (const field of fieldsOf(types, root)) {
    const target = named(field.type);
    const below = isComposite(types, target) ? selections(types, target, MAX_DEPTH - 1, new Set([root, target])) : [{ text: "", steps: [] }];
    for (const args of argumentSets(types, field)) {
      for (const selection of below) {
        queries.push({ text: `{ ${field.name}${args}${selection.text ? ` { ${selection.text} }` : ""} }`, steps: [`${root}.${field.name}${args}`, ...selection.steps] });
      }
    }
  }
  return queries;
}

describe("an archived chapter", () => {
  it("is reachable by no query path of the schema for an anonymous caller: not itself, its snapshots or its participations", async () => {
    const queries = await everyQueryPath();
    // Every root field and relation is walked: over a thousand paths at this schema's size.
    expect(queries.length).toBeGreaterThan(1000);
    expect(queries.some((q) => q.steps[0].startsWith("Query.node(") && q.steps[1] === "MembershipSnapshot.chapter")).toBe(true);

    const failures: string[] = [];
    /** The types of the objects each path's answer held, by its steps. */
    const answered = new Map<string, Set<string>>();
    const walked = new Set<string>();
    const tooCostly: Path[] = [];
    async function walk(path: Path): Promise<void> {
      const key = path.steps.join(" > ");
      // A path whose parent found no object of the type its last step starts from cannot find anything: it is not run.
      const parent = path.steps.length > 1 ? answered.get(path.steps.slice(0, -1).join(" > ")) : undefined;
      if (parent && !parent.has(path.steps[path.steps.length - 1].split(".")[0])) {
        answered.set(key, new Set());
        return;
      }
      const declared = [path.text.includes(PAGE) && "$page: Int", path.text.includes(IDS) && "$ids: [ID!]!"].filter(Boolean);
      const query = `query${declared.length ? `(${declared.join(", ")})` : ""} ${path.text}`;
      let result = await h.run(query, { page: SIZES[0].page, ids: SIZES[0].ids() });
      if (result.errors?.[0]?.extensions?.code === "QUERY_TOO_COSTLY") result = await h.run(query, { page: SIZES[1].page, ids: SIZES[1].ids() });
      answered.set(key, typenames(result.data));
      if (result.errors?.[0]?.extensions?.code === "QUERY_TOO_COSTLY") {
        tooCostly.push(path);
        return;
      }
      // Only the audit log may refuse an anonymous caller; anything else must answer, or the path was not walked.
      const refused = (result.errors ?? []).filter((e) => e.extensions?.code !== "UNAUTHENTICATED");
      if (refused.length) failures.push(`${path.text}\n  error: ${refused[0].message}`);
      else for (const step of path.steps) walked.add(edgeOf(step));
      const found = leaks(result.data);
      if (found.length) failures.push(`${path.text}\n  shows: ${[...new Set(found)].join(", ")}`);
    }
    // Path by path, one length after the other (a parent is answered before its children), four at a time (the pool's size).
    for (let length = 1; length <= MAX_DEPTH; length++) {
      const layer = queries.filter((path) => path.steps.length === length);
      const next = () => layer.shift();
      await Promise.all(Array.from({ length: 4 }, async () => {
        for (let path = next(); path; path = next()) await walk(path);
      }));
    }
    expect(failures.slice(0, 10)).toEqual([]);
    // A path too costly to run as one query (lists of lists) still has each of its relations walked by another path.
    const unwalked = new Set(tooCostly.flatMap((path) => path.steps.map(edgeOf).filter((edge) => !walked.has(edge))));
    expect([...unwalked]).toEqual([]);
  }, 300_000);

  it("is in no export", async () => {
    for (const table of Object.keys(EXPORT_TABLES)) {
      const response = await fetch(`${base}/export/${table}.json`);
      expect([table, response.status]).toEqual([table, 200]);
      expect([table, leaks(await response.json())]).toEqual([table, []]);
    }
  });

  it("stays readable by editors, by slug, by ID and through its snapshots and participations", async () => {
    const query = `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on MembershipSnapshot { chapter { id } } ... on Participation { chapter { id } } } }`;
    const result = await postGraphQL(base, query, { ids: hiddenIds.slice(0, 100) }, { token: editor });
    expect(result.errors).toBeUndefined();
    expect(result.data!.nodes.map((n: { id: string }) => n.id)).toEqual(hiddenIds.slice(0, 100));
    expect(result.data!.nodes.slice(1).every((n: { chapter: { id: string } }) => n.chapter.id === hiddenIds[0])).toBe(true);

    const anonymous = await postGraphQL(base, query, { ids: hiddenIds.slice(0, 100) });
    expect(anonymous.data!.nodes).toEqual(hiddenIds.slice(0, 100).map(() => null));
  });
});
