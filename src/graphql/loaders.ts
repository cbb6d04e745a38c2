/**
 * The per-request DataLoaders: every relation field resolves through one of
 * these, so a field asked for on 100 rows costs one SQL statement, not 100.
 *
 * They are made for each request and die with it: a DataLoader caches what it
 * loaded, and a cache shared across requests would serve one client's stale
 * rows to another. Loaders whose batch depends on field arguments (history
 * from/to, region.chapters paging) get one DataLoader per distinct argument set.
 */
import DataLoader from "dataloader";
import type { SqlClient } from "../db/sql";
import { awardRepository } from "../repositories/award.repository";
import { chapterRepository, type ChapterConditions, type ChapterJoins, type ChapterOrdering } from "../repositories/chapter.repository";
import { membershipRepository } from "../repositories/membership.repository";
import { activities, coreValues, facts, objectives, offices, principles } from "../repositories/organization.repository";
import { programmeRepository } from "../repositories/programme.repository";
import { regionRepository } from "../repositories/region.repository";
import { sourceRepository } from "../repositories/source.repository";
import type { PageRequest } from "./relay/connection";

/** Called with each batch a loader sends: the metrics record batch sizes through it. */
export type BatchObserver = (loader: string, size: number) => void;

let observeBatch: BatchObserver = () => undefined;

/** Sets the observer of every loader's batches (one per process). */
export function setBatchObserver(observer: BatchObserver): void {
  observeBatch = observer;
}

/**
 * Only for `npm run bench`'s "naive" reference: every load becomes its own
 * statement (one query per field, N+1), to measure what batching is worth.
 */
const BATCHING = process.env.BENCH_NAIVE_LOADERS !== "1";

/** A DataLoader named `name`, whose batches are reported to the batch observer. */
function loader<K, V>(name: string, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
  return new DataLoader<K, V>(
    (keys) => {
      observeBatch(name, keys.length);
      return batch(keys);
    },
    { batch: BATCHING },
  );
}

export function createLoaders(sql: SqlClient) {
  const keyed = new Map<string, DataLoader<unknown, unknown>>();
  /** The loader of `name` for one set of field arguments, made on first use. */
  function forArgs<K, V>(name: string, args: unknown, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
    const cacheKey = `${name}:${JSON.stringify(args)}`;
    let made = keyed.get(cacheKey);
    if (!made) {
      made = loader<K, V>(name, batch) as DataLoader<unknown, unknown>;
      keyed.set(cacheKey, made);
    }
    return made as DataLoader<K, V>;
  }

  return {
    source: loader("source", (ids: readonly number[]) => sourceRepository.byIds(sql, ids)),
    citationCount: loader("citationCount", (ids: readonly number[]) => sourceRepository.citationCounts(sql, ids)),
    region: loader("region", (ids: readonly number[]) => regionRepository.byIds(sql, ids)),
    regionBySlug: loader("regionBySlug", (slugs: readonly string[]) => regionRepository.bySlugs(sql, slugs)),
    country: loader("country", (codes: readonly string[]) => regionRepository.countriesByCodes(sql, codes)),
    chapter: loader("chapter", (ids: readonly number[]) => chapterRepository.byIds(sql, ids)),
    chapterBySlug: loader("chapterBySlug", (slugs: readonly string[]) => chapterRepository.bySlugs(sql, slugs)),
    programme: loader("programme", (ids: readonly number[]) => programmeRepository.byIds(sql, ids)),
    programmeBySlug: loader("programmeBySlug", (slugs: readonly string[]) => programmeRepository.bySlugs(sql, slugs)),
    participation: loader("participation", (ids: readonly number[]) => programmeRepository.participationsByIds(sql, ids)),
    participationsByChapter: loader("participationsByChapter", (ids: readonly number[]) => programmeRepository.participationsByChapterIds(sql, ids)),
    participationsByProgramme: loader("participationsByProgramme", (ids: readonly number[]) => programmeRepository.participationsByProgrammeIds(sql, ids)),
    snapshot: loader("snapshot", (ids: readonly number[]) => membershipRepository.byIds(sql, ids)),
    latestSnapshot: loader("latestSnapshot", (ids: readonly number[]) => membershipRepository.latestByChapterIds(sql, ids)),
    award: loader("award", (ids: readonly number[]) => awardRepository.byIds(sql, ids)),
    awardRecipient: loader("awardRecipient", (ids: readonly number[]) => awardRepository.recipientsByIds(sql, ids)),
    office: loader("office", (ids: readonly number[]) => offices.byIds(sql, ids)),
    principle: loader("principle", (ids: readonly number[]) => principles.byIds(sql, ids)),
    coreValue: loader("coreValue", (ids: readonly number[]) => coreValues.byIds(sql, ids)),
    objective: loader("objective", (ids: readonly number[]) => objectives.byIds(sql, ids)),
    activity: loader("activity", (ids: readonly number[]) => activities.byIds(sql, ids)),
    fact: loader("fact", (ids: readonly number[]) => facts.byIds(sql, ids)),

    snapshotHistory: (from: string | null, to: string | null, since: string | null) =>
      forArgs("snapshotHistory", [from, to, since], (ids: readonly number[]) => membershipRepository.historyByChapterIds(sql, ids, from, to, since)),
    recipientsByAward: (year: number | null) =>
      forArgs("recipientsByAward", year, (ids: readonly number[]) => awardRepository.recipientsByAwardIds(sql, ids, year)),
    memberTotals: (at: string) => forArgs("memberTotals", at, (ids: readonly number[]) => regionRepository.memberTotals(sql, ids, at)),
    /** Chapters by id or slug with the relations of `joins` (a planned read): the caller primes the loaders with what comes back. */
    chaptersWithRelations: (by: "id" | "slug", joins: ChapterJoins) =>
      forArgs("chaptersWithRelations", [by, joins], (keys: readonly (number | string)[]) => chapterRepository.withRelations(sql, by, keys, joins)),
    /** Each programme's participations with their chapters and the relations of `joins` (a planned read of programme.chapters). */
    participationsWithChapters: (joins: ChapterJoins) =>
      forArgs("participationsWithChapters", joins, (ids: readonly number[]) => chapterRepository.participationsWithChapters(sql, ids, joins)),
    /** With `joins` (a planned read), each page comes with those relations, for the caller to prime the loaders with. */
    regionChapters: (conditions: ChapterConditions, ordering: ChapterOrdering, page: PageRequest, joins: ChapterJoins | null = null) =>
      forArgs("regionChapters", [conditions, ordering, page, joins], (regionIds: readonly number[]) =>
        chapterRepository.pages(sql, { kind: "region", regionIds }, conditions, ordering, page, joins),
      ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
