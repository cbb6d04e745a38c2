/**
 * Inputs of the editors' mutations. Their fields are the columns of the
 * import files (src/validation/schemas.ts) in camelCase, and are checked by
 * the same rules. Fixed value sets are the enums queries use (ChapterKind,
 * ChapterStatus, DatePrecision), whose internal values are the import's own
 * words ("chapter", "active", "year"), and dates are the `Date` scalar queries
 * answer with (written back as YYYY-MM-DD by `columnsOf`, src/editing/), so the
 * rules see what an import gives them; a client can copy `chapter.kind` or
 * `chapter.foundedOn` into `updateChapter` as it reads it.
 *
 * Each record has an input (to create it: its required fields required) and a
 * patch (to change it: every field optional; a field left out keeps its value,
 * an explicit null clears it), declared from one list of fields.
 */
import { Field, Float, InputType, Int, type ClassType } from "type-graphql";
import { ChapterKind, ChapterStatus } from "./chapter.type";
import { DatePrecision } from "./programme.type";
import { DateScalar, URLScalar } from "./scalars";

interface FieldSpec {
  type: typeof String | typeof Int | typeof Float | typeof Boolean | typeof ChapterKind | typeof ChapterStatus | typeof DatePrecision | typeof DateScalar | typeof URLScalar;
  description: string;
  deprecationReason?: string;
  /** Required in the input that creates the record (never in a patch). */
  required?: true;
}

type Fields<T> = { [K in keyof T & string]-?: FieldSpec };

/** Declares the input type `name` with `fields`; with `patch`, every field is optional. */
function inputType<T extends object>(name: string, description: string, fields: Fields<T>, patch: boolean): ClassType<T> {
  @InputType(name, { description })
  class Input {}
  for (const [key, spec] of Object.entries<FieldSpec>(fields)) {
    Field(() => spec.type, { nullable: patch || !spec.required, description: spec.description, deprecationReason: spec.deprecationReason })(Input.prototype, key);
  }
  return Input as ClassType<T>;
}

const SOURCE = {
  sourceUrl: {
    type: String,
    required: true,
    description:
      "The URL of the public source that shows it, or a path in this repository (e.g. seed-data/isoc-about.txt), as `Source.url` answers: text, not a `URL`, because a path is no absolute URL. " +
      "A URL not yet recorded becomes a new source, which needs `sourceLicenceId` or `sourceLicenceNote`.",
  },
  sourceLicenceId: {
    type: String,
    description: "The SPDX identifier of the source's licence (e.g. \"CC-BY-4.0\", \"CC0-1.0\"; https://spdx.org/licenses/), spelt as the SPDX list spells it; leave it out where no SPDX licence applies or the page's licence is not known. For a new `sourceUrl`, this or `sourceLicenceNote` is needed; for a recorded one, it must agree with the record.",
  },
  sourceLicenceNote: { type: String, description: "The source's terms of reuse in words (e.g. \"facts only; keep the citation\"). For a new `sourceUrl`, this or `sourceLicenceId` is needed; for a recorded one, it must agree with the record." },
  sourceLicence: {
    type: String,
    description: "The source's licence as one value: an SPDX identifier, spelt exactly, is read as `sourceLicenceId`, any other text as `sourceLicenceNote`. Not together with those two.",
    deprecationReason: "Use `sourceLicenceId` (an SPDX identifier) and `sourceLicenceNote` (the terms in words).",
  },
} as const;

export interface ChapterValues {
  slug?: string | null;
  name: string;
  kind: ChapterKind;
  status: ChapterStatus;
  countryCode?: string | null;
  regionSlug?: string | null;
  foundedOn?: Date | null;
  website?: string | null;
  evidenceNote?: string | null;
  sourceUrl: string;
  sourceLicenceId?: string | null;
  sourceLicenceNote?: string | null;
  sourceLicence?: string | null;
}

const CHAPTER_FIELDS: Fields<ChapterValues> = {
  slug: { type: String, description: "A URL-friendly name; made from `name` when a chapter is created without one (\"Benin Chapter\" → \"benin-chapter\")." },
  name: { type: String, required: true, description: "The name in the Internet Society's usual form." },
  kind: { type: ChapterKind, required: true, description: "A chapter or a special interest group." },
  status: { type: ChapterStatus, required: true, description: "Its standing, as far as public sources show." },
  countryCode: { type: String, description: "ISO 3166-1 alpha-2 code of its country, in capitals." },
  regionSlug: { type: String, description: "Slug of its region (see `regions`)." },
  foundedOn: { type: DateScalar, description: "Founding date (a `Date`: YYYY-MM-DD, as `Chapter.foundedOn` answers)." },
  website: { type: URLScalar, description: "Its own website: an absolute http or https URL, as `Chapter.website` answers." },
  evidenceNote: { type: String, description: "What the source says about it, paraphrased." },
  ...SOURCE,
};

export const ChapterInput = inputType<ChapterValues>("ChapterInput", "A new chapter or special interest group, with the public source that shows it exists.", CHAPTER_FIELDS, false);
export type ChapterInput = ChapterValues;
export const ChapterPatch = inputType<Partial<ChapterValues>>("ChapterPatch", "Changes to a chapter: only the fields given change (null clears an optional one).", CHAPTER_FIELDS, true);
export type ChapterPatch = Partial<ChapterValues>;

export interface MembershipValues {
  chapterSlug: string;
  takenOn: Date;
  individualMembers: number;
  organizationMembers: number;
  sourceUrl: string;
  sourceLicenceId?: string | null;
  sourceLicenceNote?: string | null;
  sourceLicence?: string | null;
  synthetic?: boolean | null;
}

const { chapterSlug, ...SNAPSHOT_FIELDS } = {
  chapterSlug: { type: String, required: true, description: "The chapter's slug." },
  takenOn: { type: DateScalar, required: true, description: "The date of the counts (YYYY-MM-DD, as `MembershipSnapshot.date` answers; named as the import file's column taken_on)." },
  individualMembers: { type: Int, required: true, description: "Individual members on that date (0 or more)." },
  organizationMembers: { type: Int, required: true, description: "Organization members on that date (0 or more)." },
  ...SOURCE,
  synthetic: { type: Boolean, description: "True when the figures were generated, not observed; must agree with a source already recorded. Defaults to false for a new source." },
} satisfies Fields<MembershipValues>;

export const MembershipInput = inputType<MembershipValues>("MembershipInput", "A chapter's membership counts on one date, with their source.", { chapterSlug, ...SNAPSHOT_FIELDS }, false);
export type MembershipInput = MembershipValues;
/** A snapshot stays with its chapter: a patch corrects its date, counts and source. */
export const MembershipPatch = inputType<Partial<Omit<MembershipValues, "chapterSlug">>>(
  "MembershipPatch",
  "Corrections to a membership snapshot: only the fields given change.",
  SNAPSHOT_FIELDS,
  true,
);
export type MembershipPatch = Partial<Omit<MembershipValues, "chapterSlug">>;

export interface ParticipationValues {
  chapterSlug: string;
  programmeSlug: string;
  since: Date;
  sincePrecision?: DatePrecision | null;
  evidenceNote?: string | null;
  sourceUrl: string;
  sourceLicenceId?: string | null;
  sourceLicenceNote?: string | null;
  sourceLicence?: string | null;
}

export const ParticipationInput = inputType<ParticipationValues>(
  "ParticipationInput",
  "A chapter taking part in a programme since a date, as a source shows.",
  {
    chapterSlug,
    programmeSlug: { type: String, required: true, description: "The programme's slug." },
    since: {
      type: DateScalar,
      required: true,
      description: "Since when: the first day of the period the source names (a year as YYYY-01-01, a month as YYYY-MM-01), as `Participation.since` answers.",
    },
    sincePrecision: {
      type: DatePrecision,
      description: "How much of `since` the source gives (YEAR for \"2015\", MONTH for \"2015-03\"), as `Participation.sincePrecision` answers. Not given: DAY, or the recorded precision when `since` is unchanged.",
    },
    evidenceNote: { type: String, description: "What the source says, paraphrased." },
    ...SOURCE,
  },
  false,
);
export type ParticipationInput = ParticipationValues;

export interface FactValues {
  subject: string;
  figure: string;
  value: string;
  numericValue?: number | null;
  asOf: string;
  asOfDate?: Date | null;
  asOfPrecision?: DatePrecision | null;
  headline?: boolean | null;
  sourceUrl: string;
  sourceLicenceId?: string | null;
  sourceLicenceNote?: string | null;
  sourceLicence?: string | null;
}

const FACT_FIELDS: Fields<FactValues> = {
  subject: { type: String, required: true, description: "What the figure is about (e.g. \"Internet Society\")." },
  figure: { type: String, required: true, description: "What is counted or stated (e.g. \"chapters\")." },
  value: { type: String, required: true, description: "The value as the source gives it (e.g. \"120+\")." },
  numericValue: { type: Float, description: "The value as a number; read from `value` when it is a plain number and this is not given." },
  asOf: { type: String, required: true, description: "The date the source gives, in its words (e.g. \"2024\", \"as of March 2024\")." },
  asOfDate: { type: DateScalar, description: "The first day of the period `asOf` names (YYYY-MM-DD, with `asOfPrecision`); read from `asOf` when it is a plain date and this is not given." },
  asOfPrecision: { type: DatePrecision, description: "How much of `asOfDate` the source gives (with asOfDate)." },
  headline: { type: Boolean, description: "True for a headline figure the Internet Society states about itself." },
  ...SOURCE,
};

export const FactInput = inputType<FactValues>("FactInput", "A dated figure, in its source's wording.", FACT_FIELDS, false);
export type FactInput = FactValues;
export const FactPatch = inputType<Partial<FactValues>>("FactPatch", "Corrections to a fact: only the fields given change.", FACT_FIELDS, true);
export type FactPatch = Partial<FactValues>;
