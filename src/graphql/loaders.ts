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
import { chapterRepository, type ChapterConditions, type ChapterOrdering } from "../repositories/chapter.repository";
import { membershipRepository } from "../repositories/membership.repository";
import { activities, coreValues, facts, objectives, offices, principles } from "../repositories/organization.repository";
import { programmeRepository } from "../repositories/programme.repository";
import { regionRepository } from "../repositories/region.repository";
import { sourceRepository } from "../repositories/source.repository";
import type { PageRequest } from "./relay/connection";

export function createLoaders(sql: SqlClient) {
  const keyed = new Map<string, DataLoader<unknown, unknown>>();
  /** The loader of `name` for one set of field arguments, made on first use. */
  function forArgs<K, V>(name: string, args: unknown, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
    const cacheKey = `${name}:${JSON.stringify(args)}`;
    let loader = keyed.get(cacheKey);
    if (!loader) {
      loader = new DataLoader<K, V>(batch) as DataLoader<unknown, unknown>;
      keyed.set(cacheKey, loader);
    }
    return loader as DataLoader<K, V>;
  }

  return {
    source: new DataLoader((ids: readonly number[]) => sourceRepository.byIds(sql, ids)),
    region: new DataLoader((ids: readonly number[]) => regionRepository.byIds(sql, ids)),
    regionBySlug: new DataLoader((slugs: readonly string[]) => regionRepository.bySlugs(sql, slugs)),
    country: new DataLoader((codes: readonly string[]) => regionRepository.countriesByCodes(sql, codes)),
    chapter: new DataLoader((ids: readonly number[]) => chapterRepository.byIds(sql, ids)),
    chapterBySlug: new DataLoader((slugs: readonly string[]) => chapterRepository.bySlugs(sql, slugs)),
    programme: new DataLoader((ids: readonly number[]) => programmeRepository.byIds(sql, ids)),
    programmeBySlug: new DataLoader((slugs: readonly string[]) => programmeRepository.bySlugs(sql, slugs)),
    participation: new DataLoader((ids: readonly number[]) => programmeRepository.participationsByIds(sql, ids)),
    participationsByChapter: new DataLoader((ids: readonly number[]) => programmeRepository.participationsByChapterIds(sql, ids)),
    participationsByProgramme: new DataLoader((ids: readonly number[]) => programmeRepository.participationsByProgrammeIds(sql, ids)),
    snapshot: new DataLoader((ids: readonly number[]) => membershipRepository.byIds(sql, ids)),
    latestSnapshot: new DataLoader((ids: readonly number[]) => membershipRepository.latestByChapterIds(sql, ids)),
    award: new DataLoader((ids: readonly number[]) => awardRepository.byIds(sql, ids)),
    awardRecipient: new DataLoader((ids: readonly number[]) => awardRepository.recipientsByIds(sql, ids)),
    office: new DataLoader((ids: readonly number[]) => offices.byIds(sql, ids)),
    principle: new DataLoader((ids: readonly number[]) => principles.byIds(sql, ids)),
    coreValue: new DataLoader((ids: readonly number[]) => coreValues.byIds(sql, ids)),
    objective: new DataLoader((ids: readonly number[]) => objectives.byIds(sql, ids)),
    activity: new DataLoader((ids: readonly number[]) => activities.byIds(sql, ids)),
    fact: new DataLoader((ids: readonly number[]) => facts.byIds(sql, ids)),

    snapshotHistory: (from: string | null, to: string | null) =>
      forArgs("snapshotHistory", [from, to], (ids: readonly number[]) => membershipRepository.historyByChapterIds(sql, ids, from, to)),
    recipientsByAward: (year: number | null) =>
      forArgs("recipientsByAward", year, (ids: readonly number[]) => awardRepository.recipientsByAwardIds(sql, ids, year)),
    memberTotals: (at: string) => forArgs("memberTotals", at, (ids: readonly number[]) => regionRepository.memberTotals(sql, ids, at)),
    regionChapters: (conditions: ChapterConditions, ordering: ChapterOrdering, page: PageRequest) =>
      forArgs("regionChapters", [conditions, ordering, page], (regionIds: readonly number[]) =>
        chapterRepository.pages(sql, { kind: "region", regionIds }, conditions, ordering, page),
      ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
