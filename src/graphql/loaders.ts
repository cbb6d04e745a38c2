/**
 * The per-request DataLoaders: every relation field resolves through one of
 * these, so a field asked for on 100 rows costs one SQL statement, not 100.
 *
 * They are made for each request and die with it: a DataLoader caches what it
 * loaded, and a cache shared across requests would serve one client's stale
 * rows to another. Each is made on first use (a request touches a few of
 * them, not all), then kept for the rest of the request. Loaders whose batch
 * depends on field arguments (history from/to, region.chapters paging) get one
 * DataLoader per distinct argument set. Every read is given the request's
 * visibility: what an anonymous caller's loaders return never holds archived
 * records.
 */
import DataLoader from "dataloader";
import type { SqlClient } from "../db/sql";
import { awardRepository } from "../repositories/award.repository";
import { chapterRepository, type ChapterConditions, type ChapterJoins, type ChapterOrdering } from "../repositories/chapter.repository";
import { membershipRepository, type SnapshotRange } from "../repositories/membership.repository";
import { activities, coreValues, facts, objectives, offices, principles } from "../repositories/organization.repository";
import { programmeRepository } from "../repositories/programme.repository";
import { regionRepository } from "../repositories/region.repository";
import { sourceRepository } from "../repositories/source.repository";
import type { Visibility } from "../repositories/visibility";
import type { PageRequest } from "./relay/connection";

/** Called with each batch a loader sends: the metrics record batch sizes through it. */
export type BatchObserver = (loader: string, size: number) => void;

let observeBatch: BatchObserver = () => undefined;

/** Sets the observer of every loader's batches (one per process). */
export function setBatchObserver(observer: BatchObserver): void {
  observeBatch = observer;
}

export interface LoaderOptions {
  /**
   * False makes every load its own statement (one query per field, N+1): only
   * `npm run bench`'s "naive" reference server passes it, to measure what
   * batching is worth. Batching otherwise.
   */
  batching?: boolean;
}

/** A value, or the promise of one: what a relation resolver answers (a planned row at once, src/planning/planned-rows.ts; else its loader's promise). */
export type Loaded<V> = V | Promise<V>;

/** Each plan as a loader key, written once per plan: plans are kept per operation (src/planning/chapter-plan.ts), the key was written on every request. */
const planKeys = new WeakMap<ChapterJoins, string>();

function planKey(joins: ChapterJoins): string {
  let key = planKeys.get(joins);
  if (key === undefined) planKeys.set(joins, (key = JSON.stringify(joins)));
  return key;
}

/** One request's loaders, each made on first use and kept until the request ends. */
export class Loaders {
  private readonly made = new Map<string, DataLoader<unknown, unknown>>();

  constructor(
    private readonly sql: SqlClient,
    /** What the request's caller may see, applied by every read. */
    readonly visibility: Visibility,
    private readonly options: LoaderOptions = {},
  ) {}

  /** Fresh loaders (nothing cached) over another SQL client, for the same caller and options. */
  over(sql: SqlClient): Loaders {
    return new Loaders(sql, this.visibility, this.options);
  }

  /** The DataLoader kept under `key`, made on first use; its batches are reported under `name`. */
  private loader<K, V>(name: string, batch: (keys: readonly K[]) => Promise<V[]>, key: string = name): DataLoader<K, V> {
    let made = this.made.get(key);
    if (!made) {
      made = new DataLoader<K, V>(
        (keys) => {
          observeBatch(name, keys.length);
          return batch(keys);
        },
        { batch: this.options.batching ?? true },
      ) as DataLoader<unknown, unknown>;
      this.made.set(key, made);
    }
    return made as DataLoader<K, V>;
  }

  /** The loader of `name` for one set of field arguments. */
  private forArgs<K, V>(name: string, args: unknown, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
    return this.loader(name, batch, `${name}:${JSON.stringify(args)}`);
  }

  get source() {
    return this.loader("source", (ids: readonly number[]) => sourceRepository.byIds(this.sql, ids));
  }
  get citationCount() {
    return this.loader("citationCount", (ids: readonly number[]) => sourceRepository.citationCounts(this.sql, ids));
  }
  get region() {
    return this.loader("region", (ids: readonly number[]) => regionRepository.byIds(this.sql, ids));
  }
  get regionBySlug() {
    return this.loader("regionBySlug", (slugs: readonly string[]) => regionRepository.bySlugs(this.sql, slugs));
  }
  get country() {
    return this.loader("country", (codes: readonly string[]) => regionRepository.countriesByCodes(this.sql, codes));
  }
  get chapter() {
    return this.loader("chapter", (ids: readonly number[]) => chapterRepository.byIds(this.sql, this.visibility, ids));
  }
  get chapterBySlug() {
    return this.loader("chapterBySlug", (slugs: readonly string[]) => chapterRepository.bySlugs(this.sql, this.visibility, slugs));
  }
  get programme() {
    return this.loader("programme", (ids: readonly number[]) => programmeRepository.byIds(this.sql, ids));
  }
  get programmeBySlug() {
    return this.loader("programmeBySlug", (slugs: readonly string[]) => programmeRepository.bySlugs(this.sql, slugs));
  }
  get participation() {
    return this.loader("participation", (ids: readonly number[]) => programmeRepository.participationsByIds(this.sql, this.visibility, ids));
  }
  get participationsByChapter() {
    return this.loader("participationsByChapter", (ids: readonly number[]) => programmeRepository.participationsByChapterIds(this.sql, this.visibility, ids));
  }
  get participationsByProgramme() {
    return this.loader("participationsByProgramme", (ids: readonly number[]) => programmeRepository.participationsByProgrammeIds(this.sql, this.visibility, ids));
  }
  get snapshot() {
    return this.loader("snapshot", (ids: readonly number[]) => membershipRepository.byIds(this.sql, this.visibility, ids));
  }
  get latestSnapshot() {
    return this.loader("latestSnapshot", (ids: readonly number[]) => membershipRepository.latestByChapterIds(this.sql, this.visibility, ids));
  }
  get award() {
    return this.loader("award", (ids: readonly number[]) => awardRepository.byIds(this.sql, ids));
  }
  get awardRecipient() {
    return this.loader("awardRecipient", (ids: readonly number[]) => awardRepository.recipientsByIds(this.sql, ids));
  }
  get office() {
    return this.loader("office", (ids: readonly number[]) => offices.byIds(this.sql, ids));
  }
  get principle() {
    return this.loader("principle", (ids: readonly number[]) => principles.byIds(this.sql, ids));
  }
  get coreValue() {
    return this.loader("coreValue", (ids: readonly number[]) => coreValues.byIds(this.sql, ids));
  }
  get objective() {
    return this.loader("objective", (ids: readonly number[]) => objectives.byIds(this.sql, ids));
  }
  get activity() {
    return this.loader("activity", (ids: readonly number[]) => activities.byIds(this.sql, ids));
  }
  get fact() {
    return this.loader("fact", (ids: readonly number[]) => facts.byIds(this.sql, ids));
  }

  snapshotHistory(range: SnapshotRange) {
    return this.forArgs("snapshotHistory", [range.from, range.to, range.since], (ids: readonly number[]) =>
      membershipRepository.historyByChapterIds(this.sql, this.visibility, ids, range),
    );
  }
  recipientsByAward(year: number | null) {
    return this.forArgs("recipientsByAward", year, (ids: readonly number[]) => awardRepository.recipientsByAwardIds(this.sql, ids, year));
  }
  memberTotals(at: string) {
    return this.forArgs("memberTotals", at, (ids: readonly number[]) => regionRepository.memberTotals(this.sql, ids, at));
  }
  /** Chapters by id or slug with the relations of `joins` (a planned read, src/planning/chapter-plan.ts). */
  chaptersWithRelations(by: "id" | "slug", joins: ChapterJoins) {
    const batch = (keys: readonly (number | string)[]) => chapterRepository.withRelations(this.sql, this.visibility, by, keys, joins);
    return this.loader("chaptersWithRelations", batch, `chaptersWithRelations:${by}:${planKey(joins)}`);
  }
  /** Each programme's participations with their chapters and the relations of `joins` (a planned read of programme.chapters). */
  participationsWithChapters(joins: ChapterJoins) {
    return this.forArgs("participationsWithChapters", joins, (ids: readonly number[]) =>
      chapterRepository.participationsWithChapters(this.sql, this.visibility, ids, joins),
    );
  }
  /** With `joins` (a planned read), each page comes with those relations (src/planning/chapter-plan.ts). */
  regionChapters(conditions: ChapterConditions, ordering: ChapterOrdering, page: PageRequest, joins: ChapterJoins | null = null) {
    return this.forArgs("regionChapters", [conditions, ordering, page, joins], (regionIds: readonly number[]) =>
      chapterRepository.pages(this.sql, this.visibility, { kind: "region", regionIds }, conditions, ordering, page, joins),
    );
  }
}

/** The loaders of one request, for a caller who sees `visibility`. */
export function createLoaders(sql: SqlClient, visibility: Visibility, options?: LoaderOptions): Loaders {
  return new Loaders(sql, visibility, options);
}
