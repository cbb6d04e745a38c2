import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import { programmeRepository } from "../../repositories/programme.repository";
import type { Context } from "../context";
import type { Loaded } from "../loaders";
import { badUserInput } from "../errors";
import { Chapter } from "../types/chapter.type";
import { Participation, Programme } from "../types/programme.type";
import { listOf } from "../cost";
import { participationChapterJoins, plannedParticipations } from "../../planning/chapter-plan";
import { plannedOr } from "../../planning/planned-rows";

@Resolver(() => Programme)
export class ProgrammeResolver {
  @Query(() => [Programme], { complexity: listOf(200), description: "The programmes chapters take part in, by name." })
  async programmes(
    @Arg("area", () => String, { nullable: true, description: "Only programmes of this area (case-insensitive, e.g. \"Grants & Awards\"); an area no programme has is refused, naming those that exist." }) area: string | null,
    @Ctx() { sql }: Context,
  ): Promise<Programme[]> {
    const programmes = await programmeRepository.all(sql, area);
    if (area !== null && programmes.length === 0) {
      // Areas are those of the programmes: none matched, so the area does not exist (a typo must not look like "no programmes").
      const areas = [...new Set((await programmeRepository.all(sql, null)).map((programme) => programme.area))].sort();
      throw badUserInput(`There is no programme area "${area.slice(0, 100)}"; the areas are ${areas.map((name) => `"${name}"`).join(", ")}.`, "area");
    }
    return programmes;
  }

  @Query(() => Programme, { nullable: true, description: "The programme with this slug, or null when there is none." })
  programme(@Arg("slug", { description: "The programme's slug (e.g. \"chapterthon\")." }) slug: string, @Ctx() { loaders }: Context): Loaded<Programme | null> {
    return loaders.programmeBySlug.load(slug);
  }

  @FieldResolver(() => [Participation], { complexity: listOf(100), description: "The chapters taking part, as sources show, earliest first." })
  chapters(@Root() programme: Programme, @Ctx() { loaders }: Context, @Info() info: GraphQLResolveInfo): Loaded<Participation[]> {
    // A planned read when the participations' chapters are asked for: they come in the same statement.
    const joins = participationChapterJoins(info);
    return joins ? plannedParticipations(loaders, programme.rowId, joins) : loaders.participationsByProgramme.load(programme.rowId);
  }
}

@Resolver(() => Participation)
export class ParticipationResolver {
  @FieldResolver(() => Chapter, { description: "The chapter taking part." })
  chapter(@Root() participation: Participation, @Ctx() { loaders }: Context): Loaded<Chapter | null> {
    return plannedOr(participation, "chapter", () => loaders.chapter.load(participation.chapterId));
  }

  @FieldResolver(() => Programme, { description: "The programme." })
  programme(@Root() participation: Participation, @Ctx() { loaders }: Context): Loaded<Programme | null> {
    return plannedOr(participation, "programme", () => loaders.programme.load(participation.programmeId));
  }
}
