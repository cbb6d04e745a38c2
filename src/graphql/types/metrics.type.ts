import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateScalar } from "./scalars";
import { ChapterGrouping, ChapterKind, ChapterStatus, MemberGrouping } from "../../model/enums";

export { ChapterGrouping, MemberGrouping };

/**
 * A group's key is text because most groupings name open sets (region slugs,
 * country codes, chapter slugs); when chapters are grouped by kind or status,
 * `kind` or `status` gives the same group as the enum queries and mutations use.
 */
const KEY_DESCRIPTION =
  "What identifies the group (see the grouping): a region's slug, a country's code, a chapter's slug, or the name of a ChapterKind or ChapterStatus value; " +
  "null for the chapters that have no region or no country. Text, as regions, countries and chapters are no fixed set: grouped by kind or status, read `kind` or `status` for the enum.";
const KIND_DESCRIPTION = "The kind the group has, when grouped by KIND (as `Chapter.kind`, to send back in a filter); null under any other grouping.";
const STATUS_DESCRIPTION = "The status the group has, when grouped by STATUS (as `Chapter.status`); null under any other grouping.";

/** What the groups shared by both groupings mean, and the keys that name them. */
const GROUP_DESCRIPTIONS = {
  REGION: { description: "By region (key: the region's slug; null for chapters and groups with no region)." },
  COUNTRY: { description: "By country (key: the ISO 3166-1 alpha-2 code; null for chapters and groups with no country)." },
  KIND: { description: "By kind, chapters apart from special interest groups (key: `CHAPTER` or `SIG`, as in ChapterKind)." },
  STATUS: { description: "By status (key: `ACTIVE`, `IN_FORMATION` or `INACTIVE`, as in ChapterStatus)." },
};

registerEnumType(MemberGrouping, {
  name: "MemberGrouping",
  description: "How chapters are grouped into series.",
  valuesConfig: { ...GROUP_DESCRIPTIONS, CHAPTER: { description: "One series per chapter (key: its slug)." } },
});

registerEnumType(ChapterGrouping, {
  name: "ChapterGrouping",
  description: "How chapters are grouped to be counted.",
  valuesConfig: GROUP_DESCRIPTIONS,
});

export enum StatsInterval {
  MONTH = "month",
  QUARTER = "quarter",
  YEAR = "year",
}
registerEnumType(StatsInterval, {
  name: "StatsInterval",
  description: "The calendar period between two points of a series.",
  valuesConfig: {
    MONTH: { description: "A point per calendar month." },
    QUARTER: { description: "A point per calendar quarter (January–March, April–June, July–September, October–December)." },
    YEAR: { description: "A point per calendar year." },
  },
});

@ObjectType({ description: "Membership of a group of chapters at one date: each chapter counts with its latest snapshot on or before that date." })
export class MemberPoint {
  @Field(() => DateScalar, { description: "The date the figures are for." })
  date: string;

  @Field(() => Int, { description: "Individual members, summed over the group's chapters." })
  individualMembers: number;

  @Field(() => Int, { description: "Organization members, summed over the group's chapters." })
  organizationMembers: number;

  @Field(() => Int, { description: "How many of the group's chapters had a snapshot on or before the date and so went into the sums." })
  chapterCount: number;

  @Field({ description: "True when any snapshot that went into the sums comes from a synthetic (generated, not real) source." })
  synthetic: boolean;
}

@ObjectType({ description: "The membership of one group of chapters over time." })
export class MemberSeries {
  @Field(() => String, { nullable: true, description: KEY_DESCRIPTION })
  key: string | null;

  @Field(() => ChapterKind, { nullable: true, description: KIND_DESCRIPTION })
  kind: ChapterKind | null;

  @Field(() => ChapterStatus, { nullable: true, description: STATUS_DESCRIPTION })
  status: ChapterStatus | null;

  @Field({ description: "The group's name, for display (e.g. \"Africa\", \"No region\")." })
  label: string;

  @Field({ description: "True when any point of the series has synthetic figures in it: draw or cite it as such." })
  synthetic: boolean;

  @Field(() => [MemberPoint], { description: "One point per interval, oldest first; a group with no snapshot yet has zeros." })
  points: MemberPoint[];
}

@ObjectType({ description: "How a figure changed between two dates." })
export class MemberChange {
  @Field(() => Int, { description: "The figure at the end minus the figure at the start." })
  absolute: number;

  @Field(() => Float, { nullable: true, description: "The absolute change divided by the figure at the start (0.25 for +25%); null when the start is 0." })
  relative: number | null;
}

@ObjectType({ description: "How a group's membership changed between two dates." })
export class MemberGrowth {
  @Field(() => String, { nullable: true, description: KEY_DESCRIPTION })
  key: string | null;

  @Field(() => ChapterKind, { nullable: true, description: KIND_DESCRIPTION })
  kind: ChapterKind | null;

  @Field(() => ChapterStatus, { nullable: true, description: STATUS_DESCRIPTION })
  status: ChapterStatus | null;

  @Field({ description: "The group's name, for display." })
  label: string;

  @Field({ description: "True when the figures at either date have synthetic figures in them." })
  synthetic: boolean;

  @Field(() => MemberPoint, { description: "The group's membership at `from`." })
  start: MemberPoint;

  @Field(() => MemberPoint, { description: "The group's membership at `to`." })
  end: MemberPoint;

  @Field(() => MemberChange, { description: "The change in individual members." })
  individualMembers: MemberChange;

  @Field(() => MemberChange, { description: "The change in organization members." })
  organizationMembers: MemberChange;

  @Field(() => MemberChange, { description: "The change in the number of chapters with a snapshot." })
  chapterCount: MemberChange;
}

@ObjectType({ description: "How many chapters a group has." })
export class ChapterCount {
  @Field(() => String, { nullable: true, description: KEY_DESCRIPTION })
  key: string | null;

  @Field(() => ChapterKind, { nullable: true, description: KIND_DESCRIPTION })
  kind: ChapterKind | null;

  @Field(() => ChapterStatus, { nullable: true, description: STATUS_DESCRIPTION })
  status: ChapterStatus | null;

  @Field({ description: "The group's name, for display." })
  label: string;

  @Field(() => Int, { description: "The number of chapters and special interest groups in it." })
  count: number;

  @Field({ description: "True when any counted chapter's source is synthetic (chapters come from public sources, so false unless that changes)." })
  synthetic: boolean;
}
