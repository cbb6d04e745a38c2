/**
 * The read planner of chapter lists: from what a query selects of its
 * chapters, which relations to fetch in the chapters' own statement, and how
 * to hand what it fetched to the request's loaders.
 *
 * Why: a listing of 100 chapters with their country, region, programmes and
 * latest figures cost six statements through the loaders (one per relation
 * and depth), and each round trip costs Node about 0.1 ms of CPU (PERF-NOTES
 * finding 6). Planned, it is one statement.
 *
 * How it stays correct: field resolvers do not change. They still ask the
 * loaders; a planned read only *primes* those loaders (DataLoader.prime) with
 * rows of exactly the shape the loaders return, selected with the loaders'
 * own column lists and visibility rules (chapterJoinsSql), so the answer is
 * the same byte for byte. A primed row may serve any other field of the same
 * request that loads the same key, which is why related rows carry all their
 * loader's columns rather than only those this selection asks for. Whatever
 * is not planned (awards, a participation's source, …) resolves through the
 * loaders as before.
 *
 * The membership history is the one planned field with arguments: each
 * distinct range its occurrences ask (aliases may ask several) is fetched,
 * and primed under the key the resolver will load (src/graphql/history-range.ts).
 */
import { historyRange } from "../graphql/history-range";
import type { Loaders } from "../graphql/loaders";
import type { Participation } from "../graphql/types/programme.type";
import type { ChapterJoins, ChapterRelations, ChapterWithRelations } from "../repositories/chapter.repository";
import type { SnapshotRange } from "../repositories/membership.repository";
import { argumentSets, asks, below, merged, selectionOf, type Selection, type SelectionSource } from "./selection";

/**
 * The joins a chapter selection asks for; null when it asks for none of the
 * relations a plan can fetch (the plain statement is then the cheaper one).
 */
function chapterJoins(info: SelectionSource, chapter: Selection): ChapterJoins | null {
  const latest = below(chapter, "membership", "latest");
  const programmes = below(chapter, "programmes");
  const joins: ChapterJoins = {
    country: asks(chapter, "country"),
    region: asks(chapter, "region"),
    source: asks(chapter, "source"),
    latestSnapshot: asks(below(chapter, "membership"), "latest") ? { source: asks(latest, "source") } : null,
    participations: asks(chapter, "programmes") ? { programme: asks(programmes, "programme") } : null,
    histories: historyRanges(info, below(chapter, "membership", "history")),
  };
  const planned =
    joins.country || joins.region || joins.source || joins.latestSnapshot !== null || joins.participations !== null || joins.histories.length > 0;
  return planned ? joins : null;
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
    ranges.set(JSON.stringify(range), range);
  }
  return [...ranges.values()];
}

/** The joins of a chapter connection field (`chapters`, `region.chapters`): what its `nodes` and `edges.node` ask, together. */
export function chapterConnectionJoins(info: SelectionSource): ChapterJoins | null {
  const connection = selectionOf(info, "ChapterConnection");
  return chapterJoins(info, merged(below(connection, "nodes"), below(connection, "edges", "node")));
}

/** The joins of a field returning chapters themselves (`chapter`, `nodes`), read as type Chapter. */
export function chapterFieldJoins(info: SelectionSource): ChapterJoins | null {
  return chapterJoins(info, selectionOf(info, "Chapter"));
}

/** No relation: the chapter rows alone. */
const CHAPTER_ROWS_ONLY: ChapterJoins = { country: false, region: false, source: false, latestSnapshot: null, participations: null, histories: [] };

/**
 * The joins of `programme.chapters` (a list of participations): null unless
 * their `chapter` is asked for; then its relations' joins, the chapter rows
 * alone when it asks none (they still come in the participations' statement).
 */
export function participationChapterJoins(info: SelectionSource): ChapterJoins | null {
  const participation = selectionOf(info, "Participation");
  if (!asks(participation, "chapter")) return null;
  return chapterJoins(info, below(participation, "chapter")) ?? CHAPTER_ROWS_ONLY;
}

/**
 * Hands planned rows to the request's loaders: each relation under the key
 * its field resolver loads it by. A chapter without a latest snapshot is
 * primed with null and one without participations with [] (what the loaders
 * would answer), so no field falls back to a statement. DataLoader.prime
 * leaves a key already loaded or primed as it is.
 */
export function primeLoaders(loaders: Loaders, relations: readonly ChapterRelations[]): void {
  for (const related of relations) {
    if (related.country) loaders.country.prime(related.country.code, related.country);
    if (related.region) loaders.region.prime(related.region.rowId, related.region);
    if (related.source) loaders.source.prime(related.source.rowId, related.source);
    if (related.latestSnapshot !== undefined) loaders.latestSnapshot.prime(related.chapterId, related.latestSnapshot);
    if (related.latestSnapshotSource) loaders.source.prime(related.latestSnapshotSource.rowId, related.latestSnapshotSource);
    if (related.participations) loaders.participationsByChapter.prime(related.chapterId, related.participations);
    for (const programme of related.programmes ?? []) loaders.programme.prime(programme.rowId, programme);
    for (const { range, snapshots } of related.histories ?? []) loaders.snapshotHistory(range).prime(related.chapterId, snapshots);
  }
}

/**
 * Reads the chapters of `keys` (ids or slugs) with the relations of `joins`,
 * in one statement per request and set of joins (through a loader, so aliases
 * batch), and primes the chapter loaders (by id and by slug) and the
 * relations' loaders; a key naming no chapter is primed with null. The caller
 * then loads the chapters as before and finds them, and their relations, in
 * the cache.
 */
export async function primeChapters(loaders: Loaders, by: "id" | "slug", keys: readonly (number | string)[], joins: ChapterJoins): Promise<void> {
  const read = await loaders.chaptersWithRelations(by, joins).loadMany(keys);
  read.forEach((entry, i) => {
    if (entry instanceof Error) throw entry;
    if (entry) primeChapter(loaders, entry);
    else if (by === "id") loaders.chapter.prime(keys[i] as number, null);
    else loaders.chapterBySlug.prime(keys[i] as string, null);
  });
}

/**
 * A programme's participations (what `programme.chapters` answers) read with
 * their chapters and the relations of `joins` in one statement per request
 * and set of joins; primes the participations, chapter and relation loaders.
 */
export async function participationsWithChapters(loaders: Loaders, programmeId: number, joins: ChapterJoins): Promise<Participation[]> {
  const { participations, chapters } = await loaders.participationsWithChapters(joins).load(programmeId);
  loaders.participationsByProgramme.prime(programmeId, participations);
  for (const chapter of chapters) primeChapter(loaders, chapter);
  return participations;
}

/** Primes the chapter loaders (by id and by slug) with a planned chapter row, and the relation loaders with its relations. */
function primeChapter(loaders: Loaders, { row, relations }: ChapterWithRelations): void {
  loaders.chapter.prime(row.rowId, row);
  loaders.chapterBySlug.prime(row.slug, row);
  primeLoaders(loaders, [relations]);
}
