/**
 * The read planner of chapter lists: from what a query selects of its
 * chapters, which relations to fetch in the chapters' own statement and which
 * properties (columns) of each row, and how to hand what it fetched to the
 * fields that asked for it.
 *
 * Why: a listing of 100 chapters with their country, region, programmes and
 * latest figures cost six statements through the loaders (one per relation
 * and depth), and each round trip costs Node about 0.1 ms of CPU (PERF-NOTES
 * finding 6). Planned, it is one statement; reading only the columns asked
 * for, its rows are a third of the loaders' (bench/RESULTS.md).
 *
 * How it stays correct: the rows a plan fetched go to the fields it was made
 * for, recorded beside each parent row (src/planning/planned-rows.ts), never
 * into the request's loaders, which another field might read for columns the
 * plan left out. Relation resolvers answer what their parent's read planned
 * and load the rest as before (awards, a participation's source, …). Planned
 * and loaded answers are the same byte for byte (test/planning/planned-reads.test.ts).
 *
 * The membership history is the one planned field with arguments: each
 * distinct range its occurrences ask (aliases may ask several) is fetched,
 * and recorded under the name its resolver looks for (src/graphql/history-range.ts).
 */
import { historyField, historyRange } from "../graphql/history-range";
import type { Loaders } from "../graphql/loaders";
import { CHAPTER_COLUMN_MAP, type ChapterJoins, type ChapterPage, type ChapterRelations } from "../repositories/chapter.repository";
import { SNAPSHOT_PROPERTIES, type SnapshotRange } from "../repositories/membership.repository";
import { PARTICIPATION_COLUMN_MAP, PROGRAMME_COLUMN_MAP } from "../repositories/programme.repository";
import { COUNTRY_COLUMN_MAP, REGION_COLUMN_MAP } from "../repositories/region.repository";
import { propertiesOf } from "../repositories/rows";
import { SOURCE_COLUMN_MAP } from "../repositories/source.repository";
import type { ChapterRow as Chapter, ParticipationRow as Participation } from "../model/rows";
import { attachPlanned } from "./planned-rows";
import { propertiesRead } from "./row-properties";
import { argumentSets, asks, below, merged, selectionOf, type Selection, type SelectionSource } from "./selection";
import type { FieldNode } from "graphql";

const CHAPTER = propertiesOf(CHAPTER_COLUMN_MAP);
const COUNTRY = propertiesOf(COUNTRY_COLUMN_MAP);
const REGION = propertiesOf(REGION_COLUMN_MAP);
const SOURCE = propertiesOf(SOURCE_COLUMN_MAP);
const PARTICIPATION = propertiesOf(PARTICIPATION_COLUMN_MAP);
const PROGRAMME = propertiesOf(PROGRAMME_COLUMN_MAP);

/** What a chapter selection asks of the chapter rows and of the relations a plan can fetch. */
function chapterJoins(info: SelectionSource, chapter: Selection): ChapterJoins {
  const membership = below(chapter, "membership");
  const latest = below(membership, "latest");
  const programmes = below(chapter, "programmes");
  const history = below(membership, "history");
  const ranges = historyRanges(info, history);
  return {
    chapter: propertiesRead("Chapter", chapter, CHAPTER),
    country: asks(chapter, "country") ? propertiesRead("Country", below(chapter, "country"), COUNTRY) : null,
    region: asks(chapter, "region") ? propertiesRead("Region", below(chapter, "region"), REGION) : null,
    source: asks(chapter, "source") ? propertiesRead("Source", below(chapter, "source"), SOURCE) : null,
    latestSnapshot: asks(membership, "latest")
      ? {
          snapshot: propertiesRead("MembershipSnapshot", latest, SNAPSHOT_PROPERTIES),
          source: asks(latest, "source") ? propertiesRead("Source", below(latest, "source"), SOURCE) : null,
        }
      : null,
    participations: asks(chapter, "programmes")
      ? {
          participation: propertiesRead("Participation", programmes, PARTICIPATION),
          programme: asks(programmes, "programme") ? propertiesRead("Programme", below(programmes, "programme"), PROGRAMME) : null,
        }
      : null,
    histories: ranges.length ? { ranges, snapshot: propertiesRead("MembershipSnapshot", history, SNAPSHOT_PROPERTIES) } : null,
  };
}

/** Whether `joins` fetch any relation. */
function fetchesRelations(joins: ChapterJoins): boolean {
  return !!(joins.country || joins.region || joins.source || joins.latestSnapshot || joins.participations || joins.histories);
}

/**
 * The distinct ranges the occurrences of `history` ask, in the order asked.
 * None when any range is invalid (`from` after `to`): its resolver then
 * answers the error at the field's own path, through the loader.
 */
function historyRanges(info: SelectionSource, history: Selection): SnapshotRange[] {
  const ranges = new Map<string, SnapshotRange>();
  for (const args of argumentSets(info, history)) {
    const range = historyRange(args);
    if (!range) return [];
    ranges.set(historyField(range), range);
  }
  return [...ranges.values()];
}

/** How many plans are kept per field node (one per set of variable values): a client sending ever-new variables cannot grow them further. */
const PLANS_PER_NODE = 32;

/** Plans already made, by the field node and the kind of plan (see planOnce). */
const plansMade = new WeakMap<FieldNode, Map<string, ChapterJoins | null>>();

/**
 * The plan `make` makes for this field, made once per operation and set of
 * variable values. Why: Apollo keeps each document's parsed AST (its document
 * store) and graphql-jit its compiled query, so every request of an operation
 * hands the planner the very same field nodes, and what the plan depends on
 * besides them (fragments, the schema) comes with them; only variables
 * (`@skip`, `@include`, a history's bounds) differ. Walking the selection
 * and coercing its arguments again on every request cost the detail about
 * 5% of its CPU. Only a field asked by one node is kept: a field merged from
 * several nodes (a fragment's and a sibling's) can pair the same node with
 * other siblings elsewhere in the document. A WeakMap: plans go with their
 * document.
 */
function planOnce(info: SelectionSource, kind: string, make: () => ChapterJoins | null): ChapterJoins | null {
  if (info.fieldNodes.length !== 1) return make();
  const node = info.fieldNodes[0];
  let plans = plansMade.get(node);
  if (!plans) plansMade.set(node, (plans = new Map()));
  const key = `${kind} ${JSON.stringify(info.variableValues)}`;
  let plan = plans.get(key);
  if (plan === undefined) {
    if (plans.size >= PLANS_PER_NODE) plans.clear();
    plan = make();
    plans.set(key, plan);
  }
  return plan;
}

/** The plan of a chapter connection field (`chapters`, `region.chapters`): what its `nodes` and `edges.node` ask, together. */
export function chapterConnectionJoins(info: SelectionSource): ChapterJoins {
  return planOnce(info, "connection", () => {
    const connection = selectionOf(info, "ChapterConnection");
    return chapterJoins(info, merged(below(connection, "nodes"), below(connection, "edges", "node")));
  })!;
}

/**
 * The plan of a field returning chapters themselves (`chapter`, `nodes`), read
 * as type Chapter; null when it asks for no relation a plan can fetch (the
 * chapter loader, which batches every such field of the request, is then the
 * cheaper read).
 */
export function chapterFieldJoins(info: SelectionSource): ChapterJoins | null {
  return planOnce(info, "chapter", () => {
    const joins = chapterJoins(info, selectionOf(info, "Chapter"));
    return fetchesRelations(joins) ? joins : null;
  });
}

/** The plan of `programme.chapters` (a list of participations): null unless their `chapter` is asked for. */
export function participationChapterJoins(info: SelectionSource): ChapterJoins | null {
  return planOnce(info, "participation", () => {
    const participation = selectionOf(info, "Participation");
    return asks(participation, "chapter") ? chapterJoins(info, below(participation, "chapter")) : null;
  });
}

/**
 * Records on a planned chapter row what its joins fetched, under the fields
 * that answer it: `country`, `region`, `source` and `programmes` on the row;
 * `programme` on each participation, `source` on the latest snapshot; and on
 * the row's `membership` (made here, as its resolver would), `latest` and one
 * entry per history range. A chapter without a latest snapshot records null
 * and one without participations [] (what the loaders would answer), so no
 * planned field falls back to a statement.
 */
function attachRelations(row: Chapter, relations: ChapterRelations): Chapter {
  const fields: Record<string, unknown> = {};
  if (relations.country !== undefined) fields.country = relations.country;
  if (relations.region !== undefined) fields.region = relations.region;
  if (relations.source !== undefined) fields.source = relations.source;
  if (relations.participations) {
    fields.programmes = relations.participations;
    if (relations.programmes) {
      const programmes = new Map(relations.programmes.map((programme) => [programme.rowId, programme]));
      for (const participation of relations.participations) attachPlanned(participation, { programme: programmes.get(participation.programmeId) ?? null });
    }
  }
  const membership: Record<string, unknown> = {};
  if (relations.latestSnapshot !== undefined) {
    membership.latest = relations.latestSnapshot;
    if (relations.latestSnapshot && relations.latestSnapshotSource !== undefined) attachPlanned(relations.latestSnapshot, { source: relations.latestSnapshotSource });
  }
  for (const { range, snapshots } of relations.histories ?? []) membership[historyField(range)] = snapshots;
  if (Object.keys(membership).length) {
    const chapterMembership = { chapterId: row.rowId };
    attachPlanned(chapterMembership, membership);
    fields.membership = chapterMembership;
  }
  attachPlanned(row, fields);
  return row;
}

/** Records on each row of a planned page what its joins fetched for it (see attachRelations). */
export function attachPageRelations(page: ChapterPage): void {
  page.relations.forEach((relations, i) => attachRelations(page.rows[i], relations));
}

/**
 * The chapters of `keys` (ids or slugs; null for a key naming no chapter the
 * caller may see), read with the relations of `joins` in one statement per
 * request and plan (through a loader, so aliases with the same plan batch).
 */
export async function plannedChapters(loaders: Loaders, by: "id" | "slug", keys: readonly (number | string)[], joins: ChapterJoins): Promise<(Chapter | null)[]> {
  const read = await loaders.chaptersWithRelations(by, joins).loadMany(keys);
  return read.map((entry) => {
    if (entry instanceof Error) throw entry;
    return entry && attachRelations(entry.row, entry.relations);
  });
}

/**
 * A programme's participations (what `programme.chapters` answers), read with
 * their chapters and the relations of `joins` in one statement per request
 * and plan; each participation records its chapter for its `chapter` field.
 */
export async function plannedParticipations(loaders: Loaders, programmeId: number, joins: ChapterJoins): Promise<Participation[]> {
  const { participations, chapters } = await loaders.participationsWithChapters(joins).load(programmeId);
  participations.forEach((participation, i) => attachPlanned(participation, { chapter: attachRelations(chapters[i].row, chapters[i].relations) }));
  return participations;
}
