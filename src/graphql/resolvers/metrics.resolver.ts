import { Arg, Ctx, Query, Resolver } from "type-graphql";
import { metricsRepository } from "../../repositories/metrics.repository";
import type { Context } from "../context";
import { badUserInput } from "../errors";
import { ChapterFilter, ChapterKind, ChapterStatus } from "../types/chapter.type";
import { ChapterCount, ChapterGrouping, MemberChange, MemberGrouping, MemberGrowth, MemberSeries, StatsInterval } from "../types/metrics.type";
import { toIsoDate } from "../../seed/dates";
import { DateScalar, monthIndex } from "../types/scalars";
import { existingChapterConditions } from "./chapter.resolver";
import type { ComplexityEstimator } from "graphql-query-complexity";

/** The most points one series may have: 20 years of months. */
export const MAX_POINTS = 240;
/** The most points all series of one answer may have together (e.g. 130 chapters × 120 months fits). */
export const MAX_FIGURES = 20_000;

const MONTHS_PER_INTERVAL: Record<StatsInterval, number> = { [StatsInterval.MONTH]: 1, [StatsInterval.QUARTER]: 3, [StatsInterval.YEAR]: 12 };

/** How many groups a grouping makes, at most, at this data's scale (for the cost model, src/graphql/cost.ts). */
const GROUPS: Record<MemberGrouping, number> = {
  [MemberGrouping.REGION]: 10,
  [MemberGrouping.COUNTRY]: 250,
  [MemberGrouping.KIND]: 2,
  [MemberGrouping.STATUS]: 3,
  [MemberGrouping.CHAPTER]: MAX_FIGURES,
};

/** Cost of a grouped answer: its groups' selections times the number of groups. */
const perGroup: ComplexityEstimator = ({ args, childComplexity }) => 1 + (GROUPS[args.groupBy as MemberGrouping] ?? MAX_FIGURES) * childComplexity;

/**
 * Cost of memberStats: its series' selections times the points it can answer
 * (groups × points per series, at most MAX_FIGURES), counting each series'
 * `points` once per point, which its own cost counts once.
 */
const seriesPoints: ComplexityEstimator = ({ args, childComplexity }) => {
  const { from, to } = args;
  const points = from instanceof Date && to instanceof Date && to >= from ? Math.min(MAX_POINTS, intervalCount(from, to, args.interval)) : MAX_POINTS;
  return 1 + Math.min(MAX_FIGURES, (GROUPS[args.groupBy as MemberGrouping] ?? MAX_FIGURES) * points) * childComplexity;
};

/** The last day of the month before month number `monthIndex` (counted from year 0), as an ISO date. */
function dayBefore(monthIndex: number): string {
  const date = new Date(0);
  date.setUTCFullYear(Math.floor(monthIndex / 12), monthIndex % 12, 0);
  return toIsoDate(date);
}

/** How many calendar intervals (months, quarters, years) from the one containing `from` to the one containing `to`. */
function intervalCount(from: Date, to: Date, interval: StatsInterval): number {
  const months = MONTHS_PER_INTERVAL[interval];
  return Math.floor(monthIndex(to) / months) - Math.floor(monthIndex(from) / months) + 1;
}

/**
 * The dates of a series' points: the last day of each calendar interval from
 * the one containing `from` to the one containing `to`, the last one cut
 * back to `to` so that no figure reads past it. Refuses more than MAX_POINTS
 * before any SQL is sent: the points bound the work.
 */
function pointDates(from: Date, to: Date, interval: StatsInterval): string[] {
  const months = MONTHS_PER_INTERVAL[interval];
  const first = Math.floor(monthIndex(from) / months);
  const count = intervalCount(from, to, interval);
  if (count > MAX_POINTS) {
    throw badUserInput(
      `\`from\` to \`to\` spans ${count} ${interval}s, but a series has at most ${MAX_POINTS} points: shorten the range or use a longer \`interval\`.`,
      "interval",
    );
  }
  const last = toIsoDate(to);
  return Array.from({ length: count }, (_, i) => {
    const end = dayBefore((first + i + 1) * months);
    return end < last ? end : last;
  });
}

function checkRange(from: Date, to: Date): void {
  if (from > to) throw badUserInput("`from` must not be after `to`.", "from");
}

/** The enum values a group's key names when chapters are grouped by kind or status (keys are the values' names: "IN_FORMATION"). */
function typedKey(groupBy: MemberGrouping | ChapterGrouping, key: string | null): { kind: ChapterKind | null; status: ChapterStatus | null } {
  const value = key?.toLowerCase() ?? null;
  return {
    kind: groupBy === MemberGrouping.KIND && value !== null ? (value as ChapterKind) : null,
    status: groupBy === MemberGrouping.STATUS && value !== null ? (value as ChapterStatus) : null,
  };
}

function change(start: number, end: number): MemberChange {
  return { absolute: end - start, relative: start === 0 ? null : (end - start) / start };
}

const FILTER_DESCRIPTION = "Only the chapters meeting these conditions.";

@Resolver()
export class MetricsResolver {
  @Query(() => [MemberSeries], {
    complexity: seriesPoints,
    description:
      "Membership over time, added up by PostgreSQL per group of chapters: one series per group, with a point per month, quarter or year from the one " +
      "containing `from` to the one containing `to`. A point is dated the last day of its interval (the last point: `to`, when that is earlier) and sums, " +
      `over the group's chapters, each one's latest snapshot on or before that date. At most ${MAX_POINTS} points per series and ${MAX_FIGURES} in all.`,
  })
  async memberStats(
    @Arg("groupBy", () => MemberGrouping, { defaultValue: MemberGrouping.REGION, description: "How chapters are grouped into series." }) groupBy: MemberGrouping,
    @Arg("interval", () => StatsInterval, { defaultValue: StatsInterval.MONTH, description: "The calendar period between two points." }) interval: StatsInterval,
    @Arg("from", () => DateScalar, { description: "A date in the first interval." }) from: Date,
    @Arg("to", () => DateScalar, { description: "A date in the last interval, and the latest date a figure may read." }) to: Date,
    @Arg("filter", () => ChapterFilter, { nullable: true, description: FILTER_DESCRIPTION }) filter: ChapterFilter | null,
    @Ctx() context: Context,
  ): Promise<MemberSeries[]> {
    checkRange(from, to);
    const series = await metricsRepository.memberSeries(context.sql, groupBy, await existingChapterConditions(filter, context), pointDates(from, to, interval), MAX_FIGURES + 1);
    const figures = series.reduce((sum, s) => sum + s.points.length, 0);
    if (figures > MAX_FIGURES) {
      throw badUserInput(`The answer would hold more than ${MAX_FIGURES} points: narrow \`filter\`, group more coarsely, or use a longer \`interval\`.`, "groupBy");
    }
    return series.map((group) => ({ ...group, ...typedKey(groupBy, group.key) }));
  }

  @Query(() => [MemberGrowth], {
    complexity: perGroup,
    description:
      "How each group's membership changed from one date to another (each chapter counting with its latest snapshot on or before each date), " +
      "absolutely and relatively.",
  })
  async growth(
    @Arg("from", () => DateScalar, { description: "The start date." }) from: Date,
    @Arg("to", () => DateScalar, { description: "The end date." }) to: Date,
    @Arg("groupBy", () => MemberGrouping, { defaultValue: MemberGrouping.REGION, description: "How chapters are grouped." }) groupBy: MemberGrouping,
    @Arg("filter", () => ChapterFilter, { nullable: true, description: FILTER_DESCRIPTION }) filter: ChapterFilter | null,
    @Ctx() context: Context,
  ): Promise<MemberGrowth[]> {
    checkRange(from, to);
    const series = await metricsRepository.memberSeries(context.sql, groupBy, await existingChapterConditions(filter, context), [toIsoDate(from), toIsoDate(to)], null);
    return series.map(({ key, label, synthetic, points: [start, end] }): MemberGrowth => ({
      key,
      ...typedKey(groupBy, key),
      label,
      synthetic,
      start,
      end,
      individualMembers: change(start.individualMembers, end.individualMembers),
      organizationMembers: change(start.organizationMembers, end.organizationMembers),
      chapterCount: change(start.chapterCount, end.chapterCount),
    }));
  }

  @Query(() => [ChapterCount], { complexity: perGroup, description: "How many chapters and special interest groups each group has, by label (the chapters with no region or country last)." })
  async chapterCounts(
    @Arg("groupBy", () => ChapterGrouping, { description: "How chapters are grouped." }) groupBy: ChapterGrouping,
    @Arg("filter", () => ChapterFilter, { nullable: true, description: FILTER_DESCRIPTION }) filter: ChapterFilter | null,
    @Ctx() context: Context,
  ): Promise<ChapterCount[]> {
    const counts = await metricsRepository.chapterCounts(context.sql, groupBy, await existingChapterConditions(filter, context));
    return counts.map((group) => ({ ...group, ...typedKey(groupBy, group.key) }));
  }
}
