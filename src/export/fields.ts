/**
 * What each exported column holds: its type, whether it may be empty, the
 * values it may take, and which GraphQL field documents it. One declaration
 * serves every typed output: Parquet's column types (./parquet.ts) and the
 * Table Schema of a release's data package (src/release/datapackage.ts), so
 * the two cannot disagree about a column.
 *
 * Types are Frictionless Table Schema types (https://specs.frictionlessdata.io/table-schema/),
 * the vocabulary researchers' tools (frictionless, pandas, R, DuckDB) read.
 */
import { CHAPTER_KINDS, CHAPTER_STATUSES, DATE_PRECISIONS, OBJECTIVE_KINDS } from "../model/enums";
import { EXPORT_TABLES, type ExportTableName } from "./tables";

export type FieldType = "string" | "integer" | "number" | "boolean" | "date" | "datetime";

/** One column's declaration (its name is the export column's). */
export interface FieldSpec {
  type: FieldType;
  /** Never empty (NOT NULL in the database, or always set by the SELECT). */
  required: boolean;
  /** No two rows share the value. */
  unique?: boolean;
  /** The only values the column takes. */
  enum?: readonly string[];
  /**
   * The GraphQL type and field whose description says what the column means;
   * a plain `description` only where no GraphQL field holds the column as it is.
   */
  describedBy?: readonly [type: string, field: string];
  description?: string;
}

export interface Field extends FieldSpec {
  name: string;
}

const required = (type: FieldType, describedBy: FieldSpec["describedBy"], more: Partial<FieldSpec> = {}): FieldSpec => ({ type, required: true, describedBy, ...more });
const optional = (type: FieldType, describedBy: FieldSpec["describedBy"], more: Partial<FieldSpec> = {}): FieldSpec => ({ type, required: false, describedBy, ...more });

/** The source columns every sourced table has, and its update stamp, described by the GraphQL type of its rows. */
export const provenanceFields = (graphqlType: string): Record<string, FieldSpec> => ({
  source_url: required("string", ["Source", "url"]),
  source_licence_id: optional("string", ["Source", "licenceId"]),
  source_licence_note: optional("string", ["Source", "licenceNote"]),
  synthetic: required("boolean", ["Source", "synthetic"]),
  updated_at: required("datetime", [graphqlType, "updatedAt"]),
});

/** Every export's columns, by name. */
const EXPORT_FIELD_SPECS: Record<ExportTableName, Record<string, FieldSpec>> = {
  chapters: {
    slug: required("string", ["Chapter", "slug"], { unique: true }),
    name: required("string", ["Chapter", "name"]),
    kind: required("string", ["Chapter", "kind"], { enum: CHAPTER_KINDS }),
    status: required("string", ["Chapter", "status"], { enum: CHAPTER_STATUSES }),
    country_code: optional("string", ["Chapter", "country"]),
    region_slug: optional("string", ["Chapter", "region"]),
    founded_on: optional("date", ["Chapter", "foundedOn"]),
    website: optional("string", ["Chapter", "website"]),
    evidence_note: optional("string", ["Chapter", "evidenceNote"]),
    ...provenanceFields("Chapter"),
  },
  membership: {
    chapter_slug: required("string", ["MembershipSnapshot", "chapter"]),
    taken_on: required("date", ["MembershipSnapshot", "date"]),
    individual_members: required("integer", ["MembershipSnapshot", "individualMembers"]),
    organization_members: required("integer", ["MembershipSnapshot", "organizationMembers"]),
    ...provenanceFields("MembershipSnapshot"),
  },
  programmes: {
    slug: required("string", ["Programme", "slug"], { unique: true }),
    name: required("string", ["Programme", "name"]),
    area: required("string", ["Programme", "area"]),
    description: required("string", ["Programme", "description"]),
    ...provenanceFields("Programme"),
  },
  participation: {
    chapter_slug: required("string", ["Participation", "chapter"]),
    programme_slug: required("string", ["Participation", "programme"]),
    since: required("date", ["Participation", "since"]),
    since_precision: required("string", ["Participation", "sincePrecision"], { enum: DATE_PRECISIONS }),
    evidence_note: optional("string", ["Participation", "evidenceNote"]),
    ...provenanceFields("Participation"),
  },
  awards: {
    award: required("string", ["AwardRecipient", "award"]),
    year: required("integer", ["AwardRecipient", "year"]),
    recipient: required("string", ["AwardRecipient", "recipient"]),
    ...provenanceFields("AwardRecipient"),
  },
  principles: {
    position: required("integer", ["Principle", "position"], { unique: true }),
    title: required("string", ["Principle", "title"]),
    statement: required("string", ["Principle", "statement"]),
    ...provenanceFields("Principle"),
  },
  objectives: {
    kind: required("string", ["Objective", "kind"], { enum: OBJECTIVE_KINDS }),
    ordinal: required("integer", ["Objective", "ordinal"]),
    text: required("string", ["Objective", "text"]),
    ...provenanceFields("Objective"),
  },
  facts: {
    subject: required("string", ["Fact", "subject"]),
    figure: required("string", ["Fact", "figure"]),
    value: required("string", ["Fact", "value"]),
    numeric_value: optional("number", ["Fact", "numericValue"]),
    as_of: required("string", ["Fact", "asOf"]),
    as_of_date: optional("date", ["Fact", "asOfDate"]),
    as_of_precision: optional("string", ["Fact", "asOfPrecision"], { enum: DATE_PRECISIONS }),
    headline: required("boolean", ["Fact", "headline"]),
    ...provenanceFields("Fact"),
  },
  sources: {
    url: required("string", ["Source", "url"], { unique: true }),
    title: optional("string", ["Source", "title"]),
    retrieved_on: optional("date", ["Source", "retrievedOn"]),
    licence_id: optional("string", ["Source", "licenceId"]),
    licence_note: optional("string", ["Source", "licenceNote"]),
    synthetic: required("boolean", ["Source", "synthetic"]),
    note: optional("string", ["Source", "note"]),
    updated_at: required("datetime", ["Source", "updatedAt"]),
  },
};

/**
 * The fields of `columns` in their order, from `specs`. Throws when a column
 * has no declaration, or a declaration no column: a column added to a SELECT
 * must say what it holds before any file is typed.
 */
export function fieldsOf(table: string, columns: readonly (readonly [string, string])[], specs: Record<string, FieldSpec>): Field[] {
  const names = columns.map(([name]) => name);
  const missing = names.filter((name) => !specs[name]);
  const extra = Object.keys(specs).filter((name) => !names.includes(name));
  if (missing.length || extra.length) throw new Error(`The fields of ${table} do not match its columns (undeclared: ${missing.join(", ") || "none"}; no such column: ${extra.join(", ") || "none"}).`);
  return names.map((name) => ({ name, ...specs[name] }));
}

/** The typed fields of every export, in column order. */
export const EXPORT_FIELDS: Record<ExportTableName, Field[]> = Object.fromEntries(
  Object.entries(EXPORT_TABLES).map(([table, { columns }]) => [table, fieldsOf(table, columns, EXPORT_FIELD_SPECS[table as ExportTableName])]),
) as Record<ExportTableName, Field[]>;
