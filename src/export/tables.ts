/**
 * What each export serves: its columns (one SELECT per table, with every
 * figure's source URL, licence and synthetic flag beside it), its order, and
 * the filters it takes. Column names are those of the import files
 * (src/validation/schemas.ts), so an export can be loaded back as it is.
 *
 * Dates leave PostgreSQL as text (a JS Date would shift a date by the time
 * zone) and `updated_at` as ISO 8601 UTC with its microseconds, so the value a
 * researcher keeps from one export is exactly the `since` of the next.
 */
import { CHAPTER_KINDS, OBJECTIVE_KINDS } from "../model/enums";
import { countryCode, date, oneOf, slug, timestamp, type FieldRule } from "../validation/fields";

export const EXPORT_TABLE_NAMES = ["chapters", "membership", "programmes", "participation", "awards", "principles", "objectives", "facts", "sources"] as const;
export type ExportTableName = (typeof EXPORT_TABLE_NAMES)[number];

export const FILTER_NAMES = ["region", "country", "kind", "from", "to", "since"] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

/** A query parameter an export takes. */
export interface ExportFilter {
  /** Reads the query parameter or option (the same rules as imported values). */
  rule: FieldRule<string>;
  /** The SQL condition, given the placeholder of the value ("$1"). */
  condition(placeholder: string): string;
}

/** One export: a SELECT, its order and its filters. */
export interface ExportTable {
  /** Output column name and its SQL expression, in output order. */
  columns: readonly (readonly [name: string, expression: string])[];
  /** FROM and joins. */
  from: string;
  orderBy: string;
  filters: Partial<Record<FilterName, ExportFilter>>;
  /** The condition that leaves archived records out: exports, like public lists, hold current records only. */
  current?: string;
}

/** The source columns of a table whose source is joined as `s`. */
const PROVENANCE = [["source_url", "s.url"], ["source_licence_id", "s.licence_id"], ["source_licence_note", "s.licence_note"], ["synthetic", "s.synthetic"]] as const;

const updatedAt = (alias: string) => ["updated_at", `to_char(${alias}.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`] as const;

/**
 * Rows changed after an instant: how a researcher keeps a copy in sync
 * (`updated_at` moves on every insert and change). A write is stamped with its
 * transaction's start, so one still running while an export is taken can land
 * with a stamp a little before the export's latest: syncing from a few minutes
 * before the last stamp seen, and upserting, misses nothing.
 */
const since = (alias: string): Partial<Record<FilterName, ExportFilter>> => ({
  since: { rule: timestamp(), condition: (p) => `${alias}.updated_at > ${p}::timestamptz` },
});

/** From and to, inclusive, on a date expression (a year or month is stored as its first day). */
const dateRange = (expression: string): Partial<Record<FilterName, ExportFilter>> => ({
  from: { rule: date(), condition: (p) => `${expression} >= ${p}::date` },
  to: { rule: date(), condition: (p) => `${expression} <= ${p}::date` },
});

/** Region (slug), country (ISO code) and kind of the chapter joined as `c`. */
const CHAPTER_FILTERS: Partial<Record<FilterName, ExportFilter>> = {
  region: { rule: slug(), condition: (p) => `c.region_id = (SELECT id FROM region WHERE slug = ${p})` },
  country: { rule: countryCode(), condition: (p) => `c.country_code = ${p}` },
  kind: { rule: oneOf(CHAPTER_KINDS), condition: (p) => `c.kind = ${p}` },
};

/** Every export, by the name in its URL. */
export const EXPORT_TABLES: Record<ExportTableName, ExportTable> = {
  chapters: {
    columns: [
      ["slug", "c.slug"], ["name", "c.name"], ["kind", "c.kind"], ["status", "c.status"], ["country_code", "c.country_code"],
      ["region_slug", "r.slug"], ["founded_on", "c.founded_on::text"], ["website", "c.website"], ["evidence_note", "c.evidence_note"],
      ...PROVENANCE, updatedAt("c"),
    ],
    from: `chapter c LEFT JOIN region r ON r.id = c.region_id JOIN source s ON s.id = c.source_id`,
    orderBy: "c.slug",
    filters: { ...CHAPTER_FILTERS, ...since("c") },
    current: "c.archived_at IS NULL",
  },
  membership: {
    columns: [
      ["chapter_slug", "c.slug"], ["taken_on", "m.taken_on::text"], ["individual_members", "m.individual_members"],
      ["organization_members", "m.organization_members"], ...PROVENANCE, updatedAt("m"),
    ],
    from: `membership_snapshot m JOIN chapter c ON c.id = m.chapter_id JOIN source s ON s.id = m.source_id`,
    // The order of the (chapter_id, taken_on) index: the cursor walks it and PostgreSQL never sorts a million rows first.
    orderBy: "m.chapter_id, m.taken_on",
    filters: { ...CHAPTER_FILTERS, ...dateRange("m.taken_on"), ...since("m") },
    current: "c.archived_at IS NULL",
  },
  programmes: {
    columns: [["slug", "p.slug"], ["name", "p.name"], ["area", "p.area"], ["description", "p.description"], ...PROVENANCE, updatedAt("p")],
    from: `programme p JOIN source s ON s.id = p.source_id`,
    orderBy: "p.slug",
    filters: since("p"),
  },
  participation: {
    columns: [
      ["chapter_slug", "c.slug"], ["programme_slug", "p.slug"], ["since", "pa.since::text"], ["since_precision", "pa.since_precision"],
      ["evidence_note", "pa.evidence_note"], ...PROVENANCE, updatedAt("pa"),
    ],
    from: `participation pa JOIN chapter c ON c.id = pa.chapter_id JOIN programme p ON p.id = pa.programme_id JOIN source s ON s.id = pa.source_id`,
    orderBy: "c.slug, p.slug",
    filters: { ...CHAPTER_FILTERS, ...dateRange("pa.since"), ...since("pa") },
    current: "c.archived_at IS NULL AND pa.archived_at IS NULL",
  },
  awards: {
    columns: [["award", "a.name"], ["year", "ar.year"], ["recipient", "ar.recipient"], ...PROVENANCE, updatedAt("ar")],
    from: `award_recipient ar JOIN award a ON a.id = ar.award_id JOIN source s ON s.id = ar.source_id`,
    orderBy: "a.name, ar.year, ar.recipient",
    filters: { ...dateRange("make_date(ar.year, 1, 1)"), ...since("ar") },
  },
  principles: {
    columns: [["position", "pr.position"], ["title", "pr.title"], ["statement", "pr.statement"], ...PROVENANCE, updatedAt("pr")],
    from: `principle pr JOIN source s ON s.id = pr.source_id`,
    orderBy: "pr.position",
    filters: since("pr"),
  },
  objectives: {
    columns: [["kind", "o.kind"], ["ordinal", "o.ordinal"], ["text", "o.text"], ...PROVENANCE, updatedAt("o")],
    from: `objective o JOIN source s ON s.id = o.source_id`,
    // Strategic before operational, as the source document lists them.
    orderBy: "o.kind DESC, o.ordinal",
    filters: { kind: { rule: oneOf(OBJECTIVE_KINDS), condition: (p) => `o.kind = ${p}` }, ...since("o") },
  },
  facts: {
    columns: [
      ["subject", "f.subject"], ["figure", "f.figure"], ["value", "f.value"], ["numeric_value", "f.numeric_value::float8"], ["as_of", "f.as_of"],
      ["as_of_date", "f.as_of_date::text"], ["as_of_precision", "f.as_of_precision"], ["headline", "f.headline"], ...PROVENANCE, updatedAt("f"),
    ],
    from: `fact f JOIN source s ON s.id = f.source_id`,
    orderBy: "f.subject, f.figure, f.as_of, s.url",
    filters: { ...dateRange("f.as_of_date"), ...since("f") },
  },
  sources: {
    columns: [
      ["url", "s.url"], ["title", "s.title"], ["retrieved_on", "s.retrieved_on::text"], ["licence_id", "s.licence_id"], ["licence_note", "s.licence_note"], ["synthetic", "s.synthetic"],
      ["note", "s.note"], updatedAt("s"),
    ],
    from: `source s`,
    orderBy: "s.url",
    filters: since("s"),
  },
};
