import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { awardRepository } from "../../repositories/award.repository";
import type { Context } from "../context";
import type { Loaded } from "../loaders";
import { badUserInput } from "../errors";
import { Award, AwardRecipient } from "../types/award.type";
import { listOf } from "../cost";

function checkYear(year: number | null): number | null {
  if (year !== null && (year < 1900 || year > 2100)) throw badUserInput(`\`year\` must be between 1900 and 2100; got ${year}.`, "year");
  return year;
}

@Resolver(() => Award)
export class AwardResolver {
  @Query(() => [Award], { complexity: listOf(2), description: "The Internet Society's awards (the Jonathan B. Postel and Itojun Service Awards), by name." })
  awards(
    @Arg("name", () => String, { nullable: true, description: "Only awards whose name contains this text (case-insensitive, e.g. \"postel\")." }) name: string | null,
    @Arg("year", () => Int, { nullable: true, description: "Only awards given in this year." }) year: number | null,
    @Ctx() { sql }: Context,
  ): Promise<Award[]> {
    return awardRepository.find(sql, name, checkYear(year));
  }

  @FieldResolver(() => [AwardRecipient], { complexity: listOf(50), description: "Who received it, by year. Years no public source covers are absent, not empty." })
  recipients(
    @Root() award: Award,
    @Arg("year", () => Int, { nullable: true, description: "Only the recipients of this year." }) year: number | null,
    @Ctx() { loaders }: Context,
  ): Loaded<AwardRecipient[]> {
    return loaders.recipientsByAward(checkYear(year)).load(award.rowId);
  }
}

@Resolver(() => AwardRecipient)
export class AwardRecipientResolver {
  @FieldResolver(() => Award, { description: "The award received." })
  award(@Root() recipient: AwardRecipient, @Ctx() { loaders }: Context): Loaded<Award | null> {
    return loaders.award.load(recipient.awardId);
  }
}
