import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import { regionRepository } from "../../repositories/region.repository";
import type { Context } from "../context";
import type { Loaded } from "../loaders";
import { ConnectionArgs } from "../relay/connection";
import { ChapterConnection, ChapterFilter, ChapterOrder } from "../types/chapter.type";
import { Country, MemberTotals, Region } from "../types/region.type";
import { toIsoDate } from "../../seed/dates";
import { DateScalar } from "../types/scalars";
import { resolveChapterConnection } from "./chapter.resolver";
import { listOf } from "../cost";
import { attachPageRelations, chapterConnectionJoins } from "../../planning/chapter-plan";

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => [Region], { complexity: listOf(10), description: "The Internet Society's regions, by name." })
  regions(@Ctx() { sql }: Context): Promise<Region[]> {
    return regionRepository.all(sql);
  }

  @Query(() => Region, { nullable: true, description: "The region with this slug, or null when there is none." })
  region(@Arg("slug", { description: "The region's slug (e.g. \"africa\")." }) slug: string, @Ctx() { loaders }: Context): Loaded<Region | null> {
    return loaders.regionBySlug.load(slug);
  }

  @Query(() => [Country], { complexity: listOf(250), description: "Every ISO 3166-1 country and territory, by name." })
  countries(@Ctx() { sql }: Context): Promise<Country[]> {
    return regionRepository.allCountries(sql);
  }

  @FieldResolver(() => ChapterConnection, { description: "The region's chapters, filtered and ordered, one page at a time." })
  async chapters(
    @Root() region: Region,
    @Args() page: ConnectionArgs,
    @Arg("filter", () => ChapterFilter, { nullable: true, description: "Further conditions (a `region` condition here is ignored)." }) filter: ChapterFilter | null,
    @Arg("orderBy", () => ChapterOrder, { nullable: true, description: "The ordering; by name, A to Z, when omitted." }) orderBy: ChapterOrder | null,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ChapterConnection> {
    const { loaders } = context;
    const joins = chapterConnectionJoins(info);
    // The region is this one: a `region` condition in the filter is ignored, neither checked nor part of the cursors' fingerprint.
    // Nor is the region itself: every region's page request is then the same, so all of them are read in one statement.
    const otherConditions = filter && { ...filter, region: null };
    return resolveChapterConnection(page, otherConditions, orderBy, context, {}, async (conditions, ordering, request) => {
      const result = await loaders.regionChapters(conditions, ordering, request, joins).load(region.rowId);
      attachPageRelations(result);
      return result;
    });
  }

  @FieldResolver(() => MemberTotals, { description: "Members of the region's chapters added up at a date: each chapter with its latest snapshot on or before it." })
  memberTotals(
    @Root() region: Region,
    @Arg("at", () => DateScalar, { nullable: true, description: "The date; today when omitted." }) at: Date | null,
    @Ctx() { loaders }: Context,
  ): Loaded<MemberTotals> {
    return loaders.memberTotals(toIsoDate(at ?? new Date())).load(region.rowId);
  }
}
