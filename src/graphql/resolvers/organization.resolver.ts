import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { activities, coreValues, facts, findOrganization, objectives, offices, principles } from "../../repositories/organization.repository";
import type { Context } from "../context";
import type { Loaded } from "../loaders";
import { Activity, CoreValue, Fact, Objective, ObjectiveKind, Office, Organization, Principle } from "../types/organization.type";
import { Country } from "../types/region.type";
import { listOf } from "../cost";

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { description: "The Internet Society: mission, vision, offices and headline figures, in its own words. Always there (the seed writes it)." })
  async organization(@Ctx() { sql }: Context): Promise<Organization> {
    const organization = await findOrganization(sql);
    // Every migrated and seeded database has its one row; without it the server is misconfigured, not the query wrong.
    if (!organization) throw new Error("The organization row is missing: the database was not seeded.");
    return organization;
  }

  @FieldResolver(() => [Office], { complexity: listOf(10), description: "The cities where it has staff, as its description names them." })
  offices(@Ctx() { sql }: Context): Promise<Office[]> {
    return offices.all(sql);
  }

  @FieldResolver(() => [Fact], { complexity: listOf(20), description: "The headline figures its own description states (undated there; see `facts` for dated figures)." })
  headlineFacts(@Ctx() { sql }: Context): Promise<Fact[]> {
    return facts.headline(sql);
  }

  @Query(() => [Principle], { complexity: listOf(6), description: "The six principles that guide the Internet Society's work, in order, verbatim." })
  principles(@Ctx() { sql }: Context): Promise<Principle[]> {
    return principles.all(sql);
  }

  @Query(() => [CoreValue], { complexity: listOf(10), description: "The Internet Society's core values, in order, verbatim." })
  coreValues(@Ctx() { sql }: Context): Promise<CoreValue[]> {
    return coreValues.all(sql);
  }

  @Query(() => [Objective], { complexity: listOf(30), description: "Strategic and operational objectives, verbatim: strategic first, each kind in order." })
  objectives(
    @Arg("kind", () => ObjectiveKind, { nullable: true, description: "Only objectives of this kind." }) kind: ObjectiveKind | null,
    @Ctx() { sql }: Context,
  ): Promise<Objective[]> {
    return objectives.find(sql, kind);
  }

  @Query(() => [Activity], { complexity: listOf(50), description: "What the Internet Society does: the activities under its mission and the \"What We Do\" items, by group, verbatim." })
  activities(
    @Arg("group", () => String, { nullable: true, description: "Only the activities of this group slug (\"mission\", \"our-work\", \"education-leadership\", \"grants-awards\")." }) group: string | null,
    @Ctx() { sql }: Context,
  ): Promise<Activity[]> {
    return activities.find(sql, group);
  }

  @Query(() => [Fact], { complexity: listOf(100), description: "Dated figures about the Internet Society and its parts, each with its source, oldest first (undated last)." })
  facts(
    @Arg("subject", () => String, { nullable: true, description: "Only facts about this subject (exact, case-insensitive; e.g. \"Internet Society\")." }) subject: string | null,
    @Arg("figure", () => String, { nullable: true, description: "Only facts of this figure (exact, case-insensitive; e.g. \"chapters\", \"individual members\")." }) figure: string | null,
    @Ctx() { sql }: Context,
  ): Promise<Fact[]> {
    return facts.find(sql, subject, figure);
  }
}

@Resolver(() => Office)
export class OfficeResolver {
  @FieldResolver(() => Country, { description: "The office's country." })
  country(@Root() office: Office, @Ctx() { loaders }: Context): Loaded<Country | null> {
    return loaders.country.load(office.countryCode);
  }
}
