/**
 * The rows people load in bulk (chapters, membership snapshots, participation,
 * award recipients, facts), with one schema each. Their columns are the columns
 * of the matching export (src/export/tables.ts), so an exported file can be
 * imported as it is; mutations validate their inputs with the same schemas.
 *
 * Every row cites its source by URL (`source_url`). `source_licence_id` (an
 * SPDX identifier), `source_licence_note` and `synthetic` describe that
 * source: they are what a new Source row is created with, and must agree with
 * a source already recorded. `source_licence`, the one column files had before
 * the identifier and the note were split, is still read (src/import/sources.ts). `updated_at` is set by
 * the database; it is accepted (an export carries it) and not written.
 */
import { CHAPTER_KINDS, CHAPTER_STATUSES, DATE_PRECISIONS } from "../model/enums";
import { parsePartialDate, parsePlainNumber } from "../seed/dates";
import { slugify } from "../seed/slug";
import { boolean, countryCode, date, decimal, integer, nonNegativeInteger, oneOf, partialDate, slug, startsPeriod, text, timestamp, webUrl } from "./fields";
import { defineSchema, optional, required, type RowOf } from "./record";
import { spdxLicenceId } from "../licensing/spdx";

const PROVENANCE = {
  source_url: required(text()),
  source_licence_id: optional(spdxLicenceId()),
  source_licence_note: optional(text()),
  /** Deprecated: an SPDX identifier, spelt exactly, is read as `source_licence_id`, any other text as `source_licence_note`. */
  source_licence: optional(text()),
  synthetic: optional(boolean()),
  updated_at: optional(timestamp()),
};

/** A chapter or SIG, by slug (made from the name when not given). */
export const chapterSchema = defineSchema(
  {
    slug: optional(slug()),
    name: required(text()),
    kind: required(oneOf(CHAPTER_KINDS)),
    status: required(oneOf(CHAPTER_STATUSES)),
    country_code: optional(countryCode()),
    region_slug: optional(slug()),
    founded_on: optional(date()),
    website: optional(webUrl()),
    evidence_note: optional(text()),
    ...PROVENANCE,
  },
  // Without a slug, the chapter's slug is made from its name as the seed makes it.
  (values) => {
    const chapterSlug = values.slug ?? slugify(values.name);
    if (!chapterSlug) return { errors: [{ column: "name", message: "gives no slug (no letters or digits); add a slug column" }] };
    return { value: { ...values, slug: chapterSlug } };
  },
);

/** A chapter's membership on one date. */
export const membershipSchema = defineSchema({
  chapter_slug: required(slug()),
  taken_on: required(date()),
  individual_members: required(nonNegativeInteger()),
  organization_members: required(nonNegativeInteger()),
  ...PROVENANCE,
});

/** A chapter taking part in a programme since a date. */
export const participationSchema = defineSchema(
  {
    chapter_slug: required(slug()),
    programme_slug: required(slug()),
    since: required(partialDate()),
    since_precision: optional(oneOf(DATE_PRECISIONS)),
    evidence_note: optional(text()),
    ...PROVENANCE,
  },
  // `since` may say how precise it is by its form ("2021"); an export writes the first day with since_precision beside it.
  (values) => {
    const precision = values.since_precision ?? values.since.precision;
    const agrees = precision === values.since.precision || (values.since.precision === "day" && startsPeriod(values.since.date, precision));
    if (!agrees) return { errors: [{ column: "since_precision", message: `"${precision}" does not fit since ${values.since.date} (a ${values.since.precision})` }] };
    return { value: { ...values, since: values.since.date, since_precision: precision } };
  },
);

/** Who received an award in a year; the award is named, and added when new. */
export const awardRecipientSchema = defineSchema({
  award: required(text()),
  year: required(integer(1900, 2100)),
  recipient: required(text()),
  ...PROVENANCE,
});

/** A dated figure, in its source's wording. */
export const factSchema = defineSchema(
  {
    subject: required(text()),
    figure: required(text()),
    value: required(text()),
    numeric_value: optional(decimal()),
    as_of: required(text()),
    as_of_date: optional(date()),
    as_of_precision: optional(oneOf(DATE_PRECISIONS)),
    headline: optional(boolean()),
    ...PROVENANCE,
  },
  // Left empty, the numeric value and the date are read from `value` and `as_of` as the seed reads them: never guessed.
  (values) => {
    if ((values.as_of_date === null) !== (values.as_of_precision === null)) {
      return { errors: [{ column: values.as_of_date === null ? "as_of_date" : "as_of_precision", message: "as_of_date and as_of_precision go together: give both or neither" }] };
    }
    if (values.as_of_date !== null && values.as_of_precision !== null && !startsPeriod(values.as_of_date, values.as_of_precision)) {
      return { errors: [{ column: "as_of_date", message: `must be the first day of its ${values.as_of_precision} (as_of_precision)` }] };
    }
    const read = values.as_of_date === null ? parsePartialDate(values.as_of) : null;
    return {
      value: {
        ...values,
        numeric_value: values.numeric_value ?? parsePlainNumber(values.value),
        as_of_date: values.as_of_date ?? read?.date ?? null,
        as_of_precision: values.as_of_precision ?? read?.precision ?? null,
        headline: values.headline ?? false,
      },
    };
  },
);

export type ChapterRow = RowOf<typeof chapterSchema>;
export type MembershipRow = RowOf<typeof membershipSchema>;
export type ParticipationRow = RowOf<typeof participationSchema>;
export type AwardRecipientRow = RowOf<typeof awardRecipientSchema>;
export type FactRow = RowOf<typeof factSchema>;
/** The columns every importable row has for its source. */
export type ProvenanceValues = Pick<ChapterRow, "source_url" | "source_licence_id" | "source_licence_note" | "source_licence" | "synthetic">;
