import type { GraphQLResolveInfo } from "graphql";
import { DateTimeResolver } from "graphql-scalars";
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import { chapterRepository, chapterSortValue, type ChapterConditions, type ChapterOrdering, type ChapterPage } from "../../repositories/chapter.repository";
import { canSee, hasRole } from "../../auth/caller";
import type { Context } from "../context";
import { badUserInput } from "../errors";
import { buildConnection, ConnectionArgs, parsePageRequest, type PageRequest } from "../relay/connection";
import { Chapter, ChapterConnection, ChapterFilter, ChapterOrder, ChapterOrderField, OrderDirection } from "../types/chapter.type";
import { ChapterMembership } from "../types/membership.type";
import { Participation } from "../types/programme.type";
import { Country, Region } from "../types/region.type";
import { SINCE_DESCRIPTION } from "../types/timestamped.type";
import { listOf } from "../cost";
import { chapterConnectionJoins, chapterFieldJoins, primeChapters, primeLoaders } from "../../planning/chapter-plan";

export const DEFAULT_CHAPTER_ORDER: ChapterOrdering = { field: ChapterOrderField.NAME, direction: OrderDirection.ASC };

/**
 * The steps every chapter connection shares: validate the arguments, fetch a
 * page (all chapters, or one region's through its loader), assemble the edges.
 */
export async function resolveChapterConnection(
  page: ConnectionArgs,
  filter: ChapterFilter | null,
  orderBy: ChapterOrder | null,
  fetch: (conditions: ChapterConditions, ordering: ChapterOrdering, request: PageRequest) => Promise<ChapterPage>,
): Promise<ChapterConnection> {
  const ordering = orderBy ?? DEFAULT_CHAPTER_ORDER;
  const request = parsePageRequest(page, `${ordering.field}:${ordering.direction}`, ["string", "number"]);
  const result = await fetch(chapterConditions(filter), ordering, request);
  return buildConnection(result.rows, request, result, (row) => chapterSortValue(row, ordering));
}

/** Turns the public filter into database conditions, refusing what cannot match anything by mistake. */
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

@Resolver(() => Chapter)
export class ChapterResolver {
  @Query(() => ChapterConnection, {
    description:
      "Chapters and special interest groups, filtered and ordered, one page at a time (a Relay connection). Archived chapters are left out, " +
      "except for editors and with `since`: incremental sync returns what changed after it, archived ones included (see `archivedAt`), so a copy can drop them.",
  })
  async chapters(
    @Args() page: ConnectionArgs,
    @Arg("filter", () => ChapterFilter, { nullable: true, description: "Conditions the chapters must meet." }) filter: ChapterFilter | null,
    @Arg("orderBy", () => ChapterOrder, { nullable: true, description: "The ordering; by name, A to Z, when omitted." }) orderBy: ChapterOrder | null,
    @Arg("since", () => DateTimeResolver, { nullable: true, description: SINCE_DESCRIPTION }) since: Date | null,
    @Ctx() { sql, loaders, caller }: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ChapterConnection> {
    return resolveChapterConnection(page, filter, orderBy, async (conditions, ordering, request) => {
      const changed = since ? { ...conditions, updatedSince: since.toISOString(), includeArchived: true } : { ...conditions, includeArchived: hasRole(caller, "editor") };
      const [result] = await chapterRepository.pages(sql, { kind: "all" }, changed, ordering, request, chapterConnectionJoins(info));
      primeLoaders(loaders, result.relations);
      return result;
    });
  }

  @Query(() => Chapter, { nullable: true, description: "The chapter with this slug, or null when there is none (or it is archived and you are not an editor)." })
  async chapter(
    @Arg("slug", { description: "The chapter's slug (e.g. \"benin\")." }) slug: string,
    @Ctx() { loaders, caller }: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Chapter | null> {
    const joins = chapterFieldJoins(info);
    if (joins) await primeChapters(loaders, "slug", [slug], joins);
    const chapter = await loaders.chapterBySlug.load(slug);
    return chapter && canSee(caller, chapter) ? chapter : null;
  }

  @FieldResolver(() => Country, { nullable: true, description: "Its country; null for global groups and multi-country chapters." })
  country(@Root() chapter: Chapter, @Ctx() { loaders }: Context): Promise<Country | null> | null {
    return chapter.countryCode ? loaders.country.load(chapter.countryCode) : null;
  }

  @FieldResolver(() => Region, { nullable: true, description: "Its region; null for global groups." })
  region(@Root() chapter: Chapter, @Ctx() { loaders }: Context): Promise<Region | null> | null {
    return chapter.regionId ? loaders.region.load(chapter.regionId) : null;
  }

  @FieldResolver(() => [Participation], { complexity: listOf(5), description: "The programmes it takes part in, as sources show, earliest first." })
  programmes(@Root() chapter: Chapter, @Ctx() { loaders }: Context): Promise<Participation[]> {
    return loaders.participationsByChapter.load(chapter.rowId);
  }

  @FieldResolver(() => ChapterMembership, { description: "Its membership counts over time." })
  membership(@Root() chapter: Chapter): ChapterMembership {
    return { chapterId: chapter.rowId };
  }
}
