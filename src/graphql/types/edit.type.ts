/**
 * Inputs of the editors' mutations. Their fields are the columns of the
 * import files (src/validation/schemas.ts) in camelCase, and are checked by
 * the same rules, so values are plain text and numbers here: an invalid
 * country code or date gets the import's message naming the field, not a
 * GraphQL type error. In a patch a field left out keeps its value and an
 * explicit null clears it.
 */
import { Field, Float, InputType, Int } from "type-graphql";

const SOURCE_URL = "The URL of the public source that shows it (or a path in this repository). A URL not yet recorded becomes a new source, which needs `sourceLicence`.";
const SOURCE_LICENCE = "The licence of the source, needed when `sourceUrl` is new (e.g. \"CC BY 4.0\", \"facts only\"); must agree with a source already recorded.";
const SYNTHETIC = "True when the figures were generated, not observed; must agree with a source already recorded. Defaults to false for a new source.";

@InputType({ description: "A new chapter or special interest group, with the public source that shows it exists." })
export class ChapterInput {
  @Field(() => String, { nullable: true, description: "A URL-friendly name; made from `name` when not given (\"Benin Chapter\" → \"benin-chapter\")." })
  slug?: string | null;

  @Field(() => String, { description: "The name in the Internet Society's usual form." })
  name: string;

  @Field(() => String, { description: "\"chapter\" or \"sig\"." })
  kind: string;

  @Field(() => String, { description: "\"active\", \"in_formation\" or \"inactive\"." })
  status: string;

  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-2 code of its country, in capitals." })
  countryCode?: string | null;

  @Field(() => String, { nullable: true, description: "Slug of its region (see `regions`)." })
  regionSlug?: string | null;

  @Field(() => String, { nullable: true, description: "Founding date, YYYY-MM-DD." })
  foundedOn?: string | null;

  @Field(() => String, { nullable: true, description: "Its own website." })
  website?: string | null;

  @Field(() => String, { nullable: true, description: "What the source says about it, paraphrased." })
  evidenceNote?: string | null;

  @Field(() => String, { description: SOURCE_URL })
  sourceUrl: string;

  @Field(() => String, { nullable: true, description: SOURCE_LICENCE })
  sourceLicence?: string | null;
}

@InputType({ description: "Changes to a chapter: only the fields given change (null clears an optional one)." })
export class ChapterPatch {
  @Field(() => String, { nullable: true, description: "A new slug (links using the old one stop working)." })
  slug?: string | null;

  @Field(() => String, { nullable: true, description: "The name in the Internet Society's usual form." })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "\"chapter\" or \"sig\"." })
  kind?: string | null;

  @Field(() => String, { nullable: true, description: "\"active\", \"in_formation\" or \"inactive\"." })
  status?: string | null;

  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-2 code of its country, in capitals." })
  countryCode?: string | null;

  @Field(() => String, { nullable: true, description: "Slug of its region (see `regions`)." })
  regionSlug?: string | null;

  @Field(() => String, { nullable: true, description: "Founding date, YYYY-MM-DD." })
  foundedOn?: string | null;

  @Field(() => String, { nullable: true, description: "Its own website." })
  website?: string | null;

  @Field(() => String, { nullable: true, description: "What the source says about it, paraphrased." })
  evidenceNote?: string | null;

  @Field(() => String, { nullable: true, description: SOURCE_URL })
  sourceUrl?: string | null;

  @Field(() => String, { nullable: true, description: SOURCE_LICENCE })
  sourceLicence?: string | null;
}

@InputType({ description: "A chapter's membership counts on one date, with their source." })
export class MembershipInput {
  @Field(() => String, { description: "The chapter's slug." })
  chapterSlug: string;

  @Field(() => String, { description: "The date of the counts, YYYY-MM-DD." })
  takenOn: string;

  @Field(() => Int, { description: "Individual members on that date (0 or more)." })
  individualMembers: number;

  @Field(() => Int, { description: "Organization members on that date (0 or more)." })
  organizationMembers: number;

  @Field(() => String, { description: SOURCE_URL })
  sourceUrl: string;

  @Field(() => String, { nullable: true, description: SOURCE_LICENCE })
  sourceLicence?: string | null;

  @Field(() => Boolean, { nullable: true, description: SYNTHETIC })
  synthetic?: boolean | null;
}

@InputType({ description: "Corrections to a membership snapshot: only the fields given change." })
export class MembershipPatch {
  @Field(() => String, { nullable: true, description: "The date of the counts, YYYY-MM-DD." })
  takenOn?: string | null;

  @Field(() => Int, { nullable: true, description: "Individual members on that date (0 or more)." })
  individualMembers?: number | null;

  @Field(() => Int, { nullable: true, description: "Organization members on that date (0 or more)." })
  organizationMembers?: number | null;

  @Field(() => String, { nullable: true, description: SOURCE_URL })
  sourceUrl?: string | null;

  @Field(() => String, { nullable: true, description: SOURCE_LICENCE })
  sourceLicence?: string | null;

  @Field(() => Boolean, { nullable: true, description: SYNTHETIC })
  synthetic?: boolean | null;
}

@InputType({ description: "A chapter taking part in a programme since a date, as a source shows." })
export class ParticipationInput {
  @Field(() => String, { description: "The chapter's slug." })
  chapterSlug: string;

  @Field(() => String, { description: "The programme's slug." })
  programmeSlug: string;

  @Field(() => String, { description: "Since when, as precise as the source: YYYY, YYYY-MM or YYYY-MM-DD." })
  since: string;

  @Field(() => String, { nullable: true, description: "\"year\", \"month\" or \"day\"; read from the form of `since` when not given." })
  sincePrecision?: string | null;

  @Field(() => String, { nullable: true, description: "What the source says, paraphrased." })
  evidenceNote?: string | null;

  @Field(() => String, { description: SOURCE_URL })
  sourceUrl: string;

  @Field(() => String, { nullable: true, description: SOURCE_LICENCE })
  sourceLicence?: string | null;
}

@InputType({ description: "A dated figure, in its source's wording." })
export class FactInput {
  @Field(() => String, { description: "What the figure is about (e.g. \"Internet Society\")." })
  subject: string;

  @Field(() => String, { description: "What is counted or stated (e.g. \"chapters\")." })
  figure: string;

  @Field(() => String, { description: "The value as the source gives it (e.g. \"120+\")." })
  value: string;

  @Field(() => Float, { nullable: true, description: "The value as a number; read from `value` when it is a plain number and this is not given." })
  numericValue?: number | null;

  @Field(() => String, { description: "The date the source gives, in its words (e.g. \"2024\", \"as of March 2024\")." })
  asOf: string;

  @Field(() => String, { nullable: true, description: "The first day of the period `asOf` names, YYYY-MM-DD; read from `asOf` when it is a plain date and this is not given." })
  asOfDate?: string | null;

  @Field(() => String, { nullable: true, description: "\"year\", \"month\" or \"day\": how much of `asOfDate` the source gives (with asOfDate)." })
  asOfPrecision?: string | null;

  @Field(() => Boolean, { nullable: true, description: "True for a headline figure the Internet Society states about itself." })
  headline?: boolean | null;

  @Field(() => String, { description: SOURCE_URL })
  sourceUrl: string;

  @Field(() => String, { nullable: true, description: SOURCE_LICENCE })
  sourceLicence?: string | null;
}

@InputType({ description: "Corrections to a fact: only the fields given change." })
export class FactPatch {
  @Field(() => String, { nullable: true, description: "What the figure is about." })
  subject?: string | null;

  @Field(() => String, { nullable: true, description: "What is counted or stated." })
  figure?: string | null;

  @Field(() => String, { nullable: true, description: "The value as the source gives it." })
  value?: string | null;

  @Field(() => Float, { nullable: true, description: "The value as a number (null: read it from `value`)." })
  numericValue?: number | null;

  @Field(() => String, { nullable: true, description: "The date the source gives, in its words." })
  asOf?: string | null;

  @Field(() => String, { nullable: true, description: "The first day of the period `asOf` names, YYYY-MM-DD." })
  asOfDate?: string | null;

  @Field(() => String, { nullable: true, description: "\"year\", \"month\" or \"day\" (with asOfDate)." })
  asOfPrecision?: string | null;

  @Field(() => Boolean, { nullable: true, description: "True for a headline figure." })
  headline?: boolean | null;

  @Field(() => String, { nullable: true, description: SOURCE_URL })
  sourceUrl?: string | null;

  @Field(() => String, { nullable: true, description: SOURCE_LICENCE })
  sourceLicence?: string | null;
}
