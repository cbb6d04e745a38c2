import { DateTimeResolver } from "graphql-scalars";
import { Arg, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import type { Loaded } from "../loaders";
import { badUserInput } from "../errors";
import { historyField, historyRange } from "../history-range";
import { plannedOr } from "../../planning/planned-rows";
import { Chapter } from "../types/chapter.type";
import { ChapterMembership, MembershipSnapshot } from "../types/membership.type";
import { DateScalar, monthIndex } from "../types/scalars";
import { SINCE_DESCRIPTION } from "../types/timestamped.type";
import type { ComplexityEstimator } from "graphql-query-complexity";

/**
 * Cost of a history: its snapshots' selections times the months it spans
 * (snapshots are at most monthly): `from` to `to`, or to today when `to` is
 * open; 20 years when `from` is open.
 */
const MAX_MONTHS = 240;
const monthlyHistory: ComplexityEstimator = ({ args, childComplexity }) => {
  const from: unknown = args.from;
  const to: unknown = args.to instanceof Date ? args.to : new Date();
  const months = from instanceof Date && to instanceof Date ? monthIndex(to) - monthIndex(from) + 1 : MAX_MONTHS;
  return 1 + Math.max(1, Math.min(months, MAX_MONTHS)) * childComplexity;
};

@Resolver(() => ChapterMembership)
export class ChapterMembershipResolver {
  @FieldResolver(() => MembershipSnapshot, { nullable: true, description: "The most recent snapshot; null when there is none." })
  latest(@Root() membership: ChapterMembership, @Ctx() { loaders }: Context): Loaded<MembershipSnapshot | null> {
    return plannedOr(membership, "latest", () => loaders.latestSnapshot.load(membership.chapterId));
  }

  @FieldResolver(() => [MembershipSnapshot], { complexity: monthlyHistory, description: "Snapshots between two dates (inclusive), oldest first; with `since`, only those changed after it." })
  history(
    @Root() membership: ChapterMembership,
    @Arg("from", () => DateScalar, { nullable: true, description: "The first date to include; from the first snapshot when omitted." }) from: Date | null,
    @Arg("to", () => DateScalar, { nullable: true, description: "The last date to include; to the latest snapshot when omitted." }) to: Date | null,
    @Arg("since", () => DateTimeResolver, { nullable: true, description: SINCE_DESCRIPTION }) since: Date | null,
    @Ctx() { loaders }: Context,
  ): Loaded<MembershipSnapshot[]> {
    const range = historyRange({ from, to, since });
    if (!range) throw badUserInput("`from` must not be after `to`.", "from");
    return plannedOr(membership, historyField(range), () => loaders.snapshotHistory(range).load(membership.chapterId));
  }
}

@Resolver(() => MembershipSnapshot)
export class MembershipSnapshotResolver {
  @FieldResolver(() => Chapter, { description: "The chapter counted." })
  chapter(@Root() snapshot: MembershipSnapshot, @Ctx() { loaders }: Context): Loaded<Chapter | null> {
    return loaders.chapter.load(snapshot.chapterId);
  }
}
