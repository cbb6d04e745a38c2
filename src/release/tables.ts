/**
 * What a release freezes: every public export (src/export/tables.ts), and the
 * organisation's own texts (its name, vision, mission, about paragraphs,
 * platform goals, summary, core values, activities and offices), which GraphQL
 * serves but the exports do not. Each table is declared as an export is (a
 * SELECT of current rows with its sources beside them) with typed fields, and
 * with the keys a data package states: its primary key and what its columns
 * refer to in the other tables.
 */
import { EXPORT_FIELDS, fieldsOf, provenanceFields, type Field } from "../export/fields";
import { EXPORT_TABLES, EXPORT_TABLE_NAMES, type ExportTable } from "../export/tables";

/** A column whose values are keys of another table of the release. */
export interface ForeignKey {
  fields: string[];
  reference: { resource: string; fields: string[] };
}

export interface ReleaseTable {
  /** The file name without its extension, and the data package resource's name. */
  name: string;
  /** What one row is (the resource's description). */
  description: string;
  select: ExportTable;
  fields: Field[];
  primaryKey: string[];
  foreignKeys: ForeignKey[];
}

/** The sections of the organisation's texts, in the order of its description. */
export const ORGANIZATION_SECTIONS = ["name", "vision", "mission", "about", "platform_goal", "what_we_do"] as const;

const ORGANIZATION_TEXTS: ExportTable = {
  columns: [["section", "t.section"], ["ordinal", "t.ordinal"], ["text", "t.text"], ["source_url", "s.url"], ["source_licence_id", "s.licence_id"], ["source_licence_note", "s.licence_note"], ["synthetic", "s.synthetic"], ["updated_at", `to_char(o.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`]],
  // One row per text: the single texts, then each paragraph of the arrays with its place in them.
  from: `organization o JOIN source s ON s.id = o.source_id CROSS JOIN LATERAL (
      SELECT 'name' AS section, 1 AS ordinal, o.name AS text
      UNION ALL SELECT 'vision', 1, o.vision
      UNION ALL SELECT 'mission', 1, o.mission
      UNION ALL SELECT 'about', a.ordinal::int, a.text FROM unnest(o.about) WITH ORDINALITY AS a(text, ordinal)
      UNION ALL SELECT 'platform_goal', g.ordinal::int, g.text FROM unnest(o.platform_goals) WITH ORDINALITY AS g(text, ordinal)
      UNION ALL SELECT 'what_we_do', 1, o.what_we_do
    ) t`,
  orderBy: `array_position(ARRAY[${ORGANIZATION_SECTIONS.map((section) => `'${section}'`).join(", ")}], t.section), t.ordinal`,
  filters: {},
};

const updatedAt = (alias: string) => ["updated_at", `to_char(${alias}.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`] as const;
const PROVENANCE = [["source_url", "s.url"], ["source_licence_id", "s.licence_id"], ["source_licence_note", "s.licence_note"], ["synthetic", "s.synthetic"]] as const;

const CORE_VALUES: ExportTable = {
  columns: [["position", "v.position"], ["statement", "v.statement"], ...PROVENANCE, updatedAt("v")],
  from: `core_value v JOIN source s ON s.id = v.source_id`,
  orderBy: "v.position",
  filters: {},
};

const ACTIVITIES: ExportTable = {
  columns: [["group_slug", "a.group_slug"], ["group_title", "a.group_title"], ["ordinal", "a.ordinal"], ["text", "a.text"], ...PROVENANCE, updatedAt("a")],
  from: `activity a JOIN source s ON s.id = a.source_id`,
  orderBy: "a.group_slug, a.ordinal",
  filters: {},
};

const OFFICES: ExportTable = {
  columns: [["city", "f.city"], ["country_code", "f.country_code"], ["quote", "f.quote"], ...PROVENANCE, updatedAt("f")],
  from: `office f JOIN source s ON s.id = f.source_id`,
  orderBy: "f.city",
  filters: {},
};

/** Every sourced table's rows cite a row of `sources`. */
const CITES_SOURCE: ForeignKey = { fields: ["source_url"], reference: { resource: "sources", fields: ["url"] } };
const OF_CHAPTER: ForeignKey = { fields: ["chapter_slug"], reference: { resource: "chapters", fields: ["slug"] } };

/** Per export: what a row is, its key, and its references (the same table and fields as the export's). */
const EXPORT_KEYS: Record<(typeof EXPORT_TABLE_NAMES)[number], Pick<ReleaseTable, "description" | "primaryKey" | "foreignKeys">> = {
  chapters: { description: "One Internet Society chapter or special interest group (current records only).", primaryKey: ["slug"], foreignKeys: [CITES_SOURCE] },
  membership: { description: "A chapter's membership counts on one date.", primaryKey: ["chapter_slug", "taken_on"], foreignKeys: [OF_CHAPTER, CITES_SOURCE] },
  programmes: { description: "One Internet Society programme that chapters take part in.", primaryKey: ["slug"], foreignKeys: [CITES_SOURCE] },
  participation: {
    description: "A chapter's taking part in a programme, as a source shows.",
    primaryKey: ["chapter_slug", "programme_slug"],
    foreignKeys: [OF_CHAPTER, { fields: ["programme_slug"], reference: { resource: "programmes", fields: ["slug"] } }, CITES_SOURCE],
  },
  awards: { description: "Who received an Internet Society award in a year.", primaryKey: ["award", "year", "recipient"], foreignKeys: [CITES_SOURCE] },
  principles: { description: "One of the principles that guide the Internet Society's work, verbatim.", primaryKey: ["position"], foreignKeys: [CITES_SOURCE] },
  objectives: { description: "A strategic or operational objective, verbatim.", primaryKey: ["kind", "ordinal"], foreignKeys: [CITES_SOURCE] },
  facts: { description: "A dated figure about the Internet Society or one of its parts, in its source's wording.", primaryKey: ["subject", "figure", "as_of", "source_url"], foreignKeys: [CITES_SOURCE] },
  sources: { description: "Where a figure or statement comes from; every other table cites one by URL.", primaryKey: ["url"], foreignKeys: [] },
};

/** Every table of a release, in the order of its data package. */
export const RELEASE_TABLES: ReleaseTable[] = [
  ...EXPORT_TABLE_NAMES.map((name) => ({ name, select: EXPORT_TABLES[name], fields: EXPORT_FIELDS[name], ...EXPORT_KEYS[name] })),
  {
    name: "organization_texts",
    description: "The Internet Society's description of itself, one text per row: its name, vision, mission, about paragraphs, platform goals and summary of what it does.",
    select: ORGANIZATION_TEXTS,
    fields: fieldsOf("organization_texts", ORGANIZATION_TEXTS.columns, {
      section: {
        type: "string", required: true, enum: ORGANIZATION_SECTIONS,
        description: "Which text: its name, vision, mission, a paragraph of its introduction (about), one of its platform goals (platform_goal), or its summary of what it does (what_we_do); the GraphQL fields of Organization of the same names.",
      },
      ordinal: { type: "integer", required: true, description: "Its place within its section, from 1 (sections of one text have only 1)." },
      text: { type: "string", required: true, description: "The text, verbatim from the organisation's description (see source_url)." },
      ...provenanceFields("Organization"),
    }),
    primaryKey: ["section", "ordinal"],
    foreignKeys: [CITES_SOURCE],
  },
  {
    name: "core_values",
    description: "One of the Internet Society's core values, in its own words.",
    select: CORE_VALUES,
    fields: fieldsOf("core_values", CORE_VALUES.columns, {
      position: { type: "integer", required: true, unique: true, describedBy: ["CoreValue", "position"] },
      statement: { type: "string", required: true, describedBy: ["CoreValue", "statement"] },
      ...provenanceFields("CoreValue"),
    }),
    primaryKey: ["position"],
    foreignKeys: [CITES_SOURCE],
  },
  {
    name: "activities",
    description: "One thing the Internet Society does, as its description lists it, in a titled group.",
    select: ACTIVITIES,
    fields: fieldsOf("activities", ACTIVITIES.columns, {
      group_slug: { type: "string", required: true, describedBy: ["Activity", "group"] },
      group_title: { type: "string", required: true, describedBy: ["Activity", "groupTitle"] },
      ordinal: { type: "integer", required: true, describedBy: ["Activity", "ordinal"] },
      text: { type: "string", required: true, describedBy: ["Activity", "text"] },
      ...provenanceFields("Activity"),
    }),
    primaryKey: ["group_slug", "ordinal"],
    foreignKeys: [CITES_SOURCE],
  },
  {
    name: "offices",
    description: "A city where the Internet Society has staff, as its own description names it.",
    select: OFFICES,
    fields: fieldsOf("offices", OFFICES.columns, {
      city: { type: "string", required: true, unique: true, describedBy: ["Office", "city"] },
      country_code: { type: "string", required: true, describedBy: ["Office", "country"] },
      quote: { type: "string", required: true, describedBy: ["Office", "quote"] },
      ...provenanceFields("Office"),
    }),
    primaryKey: ["city"],
    foreignKeys: [CITES_SOURCE],
  },
];
