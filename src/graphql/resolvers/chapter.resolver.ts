import type { GraphQLResolveInfo } from "graphql";
import { DateTimeResolver } from "graphql-scalars";
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import { regionRepository } from "../../repositories/region.repository";
import { chapterRepository, chapterSortValue, type ChapterConditions, type ChapterOrdering, type ChapterPage } from "../../repositories/chapter.repository";
import type { Context } from "../context";
import type { Loaded } from "../loaders";
import { badUserInput } from "../errors";
import { buildConnection, ConnectionArgs, parsePageRequest, type PageRequest } from "../relay/connection";
import { Chapter, ChapterConnection, ChapterFilter, ChapterOrder, ChapterOrderField, OrderDirection } from "../types/chapter.type";
import { ChapterMembership } from "../types/membership.type";
import { Participation } from "../types/programme.type";
import { Country, Region } from "../types/region.type";
import { regionRefusal } from "../../validation/regions";
import { SINCE_DESCRIPTION } from "../types/timestamped.type";
import { listOf } from "../cost";
import { attachPageRelations, chapterConnectionJoins, chapterFieldJoins, plannedChapters } from "../../planning/chapter-plan";
import { plannedOr } from "../../planning/planned-rows";

export const DEFAULT_CHAPTER_ORDER: ChapterOrdering = { field: ChapterOrderField.NAME, direction: OrderDirection.ASC };

/**
 * The steps every chapter connection shares: validate the arguments, fetch a
 * page (all chapters, or one region's through its loader), assemble the edges.
 * `selection` is what else selects the rows (`since`): with the filter, it is
 * what the connection's cursors are bound to.
 */
export async function resolveChapterConnection(
  page: ConnectionArgs,
  filter: ChapterFilter | null,
  orderBy: ChapterOrder | null,
  context: Context,
  selection: Record<string, unknown>,
  fetch: (conditions: ChapterConditions, ordering: ChapterOrdering, request: PageRequest) => Promise<ChapterPage>,
): Promise<ChapterConnection> {
  const ordering = orderBy ?? DEFAULT_CHAPTER_ORDER;
  const conditions = chapterConditions(filter);
  const request = parsePageRequest(page, `${ordering.field}:${ordering.direction}`, ["text", "int4"], { ...conditions, ...selection });
  const result = await fetch(conditions, ordering, request);
  // Only an empty answer can come from a region or country that does not exist: the check costs nothing otherwise.
  if (result.total === 0) await refuseUnknownNames(conditions, context);
  return buildConnection(result.rows, request, result, (row) => chapterSortValue(row, ordering));
}

/** Turns the public filter into database conditions, refusing what is malformed. */
export function chapterConditions(filter: ChapterFilter | null | undefined): ChapterConditions {
  const conditions: ChapterConditions = {};
  if (!filter) return conditions;
  if (filter.region != null) conditions.regionSlug = filter.region;
  if (filter.country != null) {
    if (!/^[A-Za-z]{2}$/.test(filter.country)) {
      throw badUserInput(`filter.country must be an ISO 3166-1 alpha-2 code such as "BJ"; got "${filter.country.slice(0, 100)}".`, "filter");
    }
    conditions.countryCode = filter.country.toUpperCase();
  }
  if (filter.kind != null) conditions.kind = filter.kind;
  if (filter.status != null) conditions.status = filter.status;
  if (filter.search != null) {
    const search = filter.search.trim();
    if (search.length < 1 || search.length > 100) throw badUserInput("filter.search must be 1 to 100 characters long.", "filter");
    conditions.search = search;
  }
  return conditions;
}

/**
 * Refuses conditions naming a region or country that does not exist, naming
 * those that do: a mistyped value must never read as "no chapters". A region
 * is named by its slug, exactly (src/validation/regions.ts says why, and how a
 * near miss is refused).
 */
export async function refuseUnknownNames(conditions: ChapterConditions, { loaders, sql }: Context): Promise<void> {
  const [region, country] = await Promise.all([
    conditions.regionSlug === undefined ? true : loaders.regionBySlug.load(conditions.regionSlug),
    conditions.countryCode === undefined ? true : loaders.country.load(conditions.countryCode),
  ]);
  if (!region) throw badUserInput(`filter.region: ${regionRefusal(conditions.regionSlug!, await regionRepository.all(sql))} (see \`regions { slug name }\`).`, "filter");
  if (!country) {
    throw badUserInput(`filter.country: "${conditions.countryCode}" is not an ISO 3166-1 alpha-2 code of a country or territory; see \`countries { code name }\`.`, "filter");
  }
}

/** The conditions of a filter whose region and country exist (for aggregates, whose empty answers look like any other). */
export async function existingChapterConditions(filter: ChapterFilter | null | undefined, context: Context): Promise<ChapterConditions> {
  const conditions = chapterConditions(filter);
  await refuseUnknownNames(conditions, context);
  return conditions;
}

@Resolver(() => Chapter)
export class ChapterResolver {
  @Query(() => ChapterConnection, {
    description:
      "Chapters and special interest groups, filtered and ordered, one page at a time (a Relay connection). Archived chapters are left out, " +
      "except for editors: their incremental sync (`since`) returns what changed after it, archived ones included (see `archivedAt`), so a copy can drop them.",
  })
  async chapters(
    @Args() page: ConnectionArgs,
    @Arg("filter", () => ChapterFilter, { nullable: true, description: "Conditions the chapters must meet." }) filter: ChapterFilter | null,
    @Arg("orderBy", () => ChapterOrder, { nullable: true, description: "The ordering; by name, A to Z, when omitted." }) orderBy: ChapterOrder | null,
    @Arg("since", () => DateTimeResolver, { nullable: true, description: SINCE_DESCRIPTION }) since: Date | null,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ChapterConnection> {
    const { sql, visibility } = context;
    return resolveChapterConnection(page, filter, orderBy, context, { since: since?.toISOString() }, async (conditions, ordering, request) => {
      const changed = since ? { ...conditions, updatedSince: since.toISOString() } : conditions;
      const [result] = await chapterRepository.pages(sql, visibility, { kind: "all" }, changed, ordering, request, chapterConnectionJoins(info));
      attachPageRelations(result);
      return result;
    });
  }

  @Query(() => Chapter, { nullable: true, description: "The chapter with this slug, or null when there is none (or it is archived and you are not an editor)." })
  async chapter(
    @Arg("slug", { description: "The chapter's slug (e.g. \"benin\")." }) slug: string,
    @Ctx() { loaders }: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Chapter | null> {
    const joins = chapterFieldJoins(info);
    if (!joins) return loaders.chapterBySlug.load(slug);
    const [chapter] = await plannedChapters(loaders, "slug", [slug], joins);
    return chapter;
  }

  @FieldResolver(() => Country, { nullable: true, description: "Its country; null for global groups and multi-country chapters." })
  country(@Root() chapter: Chapter, @Ctx() { loaders }: Context): Loaded<Country | null> {
    return plannedOr(chapter, "country", () => (chapter.countryCode ? loaders.country.load(chapter.countryCode) : null));
  }

  @FieldResolver(() => Region, { nullable: true, description: "Its region; null for global groups." })
  region(@Root() chapter: Chapter, @Ctx() { loaders }: Context): Loaded<Region | null> {
    return plannedOr(chapter, "region", () => (chapter.regionId ? loaders.region.load(chapter.regionId) : null));
  }

  @FieldResolver(() => [Participation], { complexity: listOf(5), description: "The programmes it takes part in, as sources show, earliest first." })
  programmes(@Root() chapter: Chapter, @Ctx() { loaders }: Context): Loaded<Participation[]> {
    return plannedOr(chapter, "programmes", () => loaders.participationsByChapter.load(chapter.rowId));
  }

  @FieldResolver(() => ChapterMembership, { description: "Its membership counts over time." })
  membership(@Root() chapter: Chapter): Loaded<ChapterMembership> {
    return plannedOr(chapter, "membership", () => ({ chapterId: chapter.rowId }));
  }
}
