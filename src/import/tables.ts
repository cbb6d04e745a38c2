/**
 * What can be imported: for each kind of file, its row schema (the shared
 * validation rules), its natural key, and how its rows become database rows —
 * chapters by slug, snapshots by chapter and date, participation by chapter and
 * programme, award recipients by award, year and recipient, facts by subject,
 * figure, as-of label and source. Upserting by these keys is what makes a
 * second import of the same file change nothing.
 */
import type { EntityManager } from "typeorm";
import { slugify } from "../seed/slug";
import { upsert, type UpsertSpec } from "../seed/upsert";
import type { NumberedRow, RowSchema } from "../validation/record";
import {
  awardRecipientSchema, chapterSchema, factSchema, membershipSchema, participationSchema,
  type AwardRecipientRow, type ChapterRow, type FactRow, type MembershipRow, type ParticipationRow, type ProvenanceValues,
} from "../validation/schemas";
import type { ProblemList } from "./problems";

export const IMPORT_KINDS = ["chapters", "membership", "participation", "awards", "facts"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** What turning rows into database rows needs: the transaction, the resolved sources, where to report. */
export interface ResolveContext {
  manager: EntityManager;
  sourceIds: Map<string, number>;
  problems: ProblemList;
  /** Rows of other tables the import had to add (an award named for the first time), by table. */
  created: Record<string, number>;
}

/** One kind of import file: how its rows are checked, keyed and written. */
export interface ImportTable<Row extends ProvenanceValues> {
  schema: RowSchema<any, Row>;
  /** The validated row's fields that make its natural key (two rows of a file must not share one). */
  key: readonly (keyof Row & string)[];
  upsert: UpsertSpec;
  /** The rows as `upsert` writes them, references looked up; one that does not resolve is a problem on its row. */
  toDatabaseRows(context: ResolveContext, rows: NumberedRow<Row>[]): Promise<Record<string, unknown>[]>;
}

const column = (name: string, type = "text") => ({ name, type });

/** Awards by slug: an import adds an award named for the first time, as the seed adds every award it names. */
export const AWARD_UPSERT: UpsertSpec = { table: "award", key: ["slug"], columns: [column("slug"), column("name")] };

/** Ids of the rows of `table` whose `keyColumn` is one of `keys`. */
async function idsOf(manager: EntityManager, table: string, keyColumn: string, keys: string[]): Promise<Map<string, number>> {
  const rows: { id: number; key: string }[] = await manager.query(`SELECT id, "${keyColumn}" AS key FROM "${table}" WHERE "${keyColumn}" = ANY($1::text[])`, [
    [...new Set(keys)],
  ]);
  return new Map(rows.map((row) => [row.key, row.id]));
}

/** Looks a reference up, or reports it on its row and column (the 0 then returned is never written: a problem refuses the file). */
function reference(ids: Map<string, number>, key: string, context: ResolveContext, row: number, columnName: string, missing: string): number {
  const id = ids.get(key);
  if (id === undefined) context.problems.add(row, columnName, missing);
  return id ?? 0;
}

const chapters: ImportTable<ChapterRow> = {
  schema: chapterSchema,
  key: ["slug"],
  upsert: {
    table: "chapter",
    key: ["slug"],
    columns: [
      column("slug"), column("name"), column("kind"), column("status"), column("country_code"), column("region_id", "int"),
      column("founded_on", "date"), column("website"), column("source_id", "int"), column("evidence_note"),
    ],
  },
  async toDatabaseRows(context, rows) {
    const regions = await idsOf(context.manager, "region", "slug", rows.flatMap(({ value }) => value.region_slug ?? []));
    const known: { code: string }[] = await context.manager.query(`SELECT code FROM country WHERE code = ANY($1::text[])`, [
      [...new Set(rows.flatMap(({ value }) => value.country_code ?? []))],
    ]);
    const countries = new Set(known.map((country) => country.code));
    return rows.map(({ row, value }) => {
      if (value.country_code !== null && !countries.has(value.country_code)) {
        context.problems.add(row, "country_code", `${value.country_code} is not in the database's country table (npm run db:seed writes it)`);
      }
      return {
        slug: value.slug,
        name: value.name,
        kind: value.kind,
        status: value.status,
        country_code: value.country_code,
        region_id: value.region_slug === null ? null : reference(regions, value.region_slug, context, row, "region_slug", `no region has the slug "${value.region_slug}"`),
        founded_on: value.founded_on,
        website: value.website,
        source_id: context.sourceIds.get(value.source_url),
        evidence_note: value.evidence_note,
      };
    });
  },
};

const membership: ImportTable<MembershipRow> = {
  schema: membershipSchema,
  key: ["chapter_slug", "taken_on"],
  upsert: {
    table: "membership_snapshot",
    key: ["chapter_id", "taken_on"],
    columns: [column("chapter_id", "int"), column("taken_on", "date"), column("individual_members", "int"), column("organization_members", "int"), column("source_id", "int")],
  },
  async toDatabaseRows(context, rows) {
    const chapterIds = await idsOf(context.manager, "chapter", "slug", rows.map(({ value }) => value.chapter_slug));
    return rows.map(({ row, value }) => ({
      chapter_id: reference(chapterIds, value.chapter_slug, context, row, "chapter_slug", `no chapter has the slug "${value.chapter_slug}" (import its chapter first)`),
      taken_on: value.taken_on,
      individual_members: value.individual_members,
      organization_members: value.organization_members,
      source_id: context.sourceIds.get(value.source_url),
    }));
  },
};

const participation: ImportTable<ParticipationRow> = {
  schema: participationSchema,
  key: ["chapter_slug", "programme_slug"],
  upsert: {
    table: "participation",
    key: ["chapter_id", "programme_id"],
    columns: [column("chapter_id", "int"), column("programme_id", "int"), column("since", "date"), column("since_precision"), column("source_id", "int"), column("evidence_note")],
  },
  async toDatabaseRows(context, rows) {
    const chapterIds = await idsOf(context.manager, "chapter", "slug", rows.map(({ value }) => value.chapter_slug));
    const programmeIds = await idsOf(context.manager, "programme", "slug", rows.map(({ value }) => value.programme_slug));
    return rows.map(({ row, value }) => ({
      chapter_id: reference(chapterIds, value.chapter_slug, context, row, "chapter_slug", `no chapter has the slug "${value.chapter_slug}" (import its chapter first)`),
      programme_id: reference(programmeIds, value.programme_slug, context, row, "programme_slug", `no programme has the slug "${value.programme_slug}"`),
      since: value.since,
      since_precision: value.since_precision,
      source_id: context.sourceIds.get(value.source_url),
      evidence_note: value.evidence_note,
    }));
  },
};

const awards: ImportTable<AwardRecipientRow> = {
  schema: awardRecipientSchema,
  key: ["award", "year", "recipient"],
  upsert: {
    table: "award_recipient",
    key: ["award_id", "year", "recipient"],
    columns: [column("award_id", "int"), column("year", "int"), column("recipient"), column("source_id", "int")],
  },
  // An award named for the first time is added (its slug made as the seed makes it), unless its slug is another award's.
  async toDatabaseRows(context, rows) {
    const names = [...new Set(rows.map(({ value }) => value.award))];
    let awardIds = await idsOf(context.manager, "award", "name", names);
    const newNames = names.filter((name) => !awardIds.has(name));
    const taken: { slug: string; name: string }[] = await context.manager.query(`SELECT slug, name FROM award WHERE slug = ANY($1::text[])`, [newNames.map(slugify)]);
    const slugOwner = new Map(taken.map((award) => [award.slug, award.name]));
    for (const { row, value } of rows) {
      const owner = slugOwner.get(slugify(value.award));
      if (!awardIds.has(value.award) && owner) context.problems.add(row, "award", `no award is named "${value.award}"; did you mean "${owner}"?`);
    }
    if (newNames.length && context.problems.empty) {
      context.created.award = await upsert(context.manager, AWARD_UPSERT, newNames.map((name) => ({ slug: slugify(name), name })));
      awardIds = await idsOf(context.manager, "award", "name", names);
    }
    return rows.map(({ value }) => ({
      award_id: awardIds.get(value.award) ?? 0, // 0 only beside a problem, which refuses the file
      year: value.year,
      recipient: value.recipient,
      source_id: context.sourceIds.get(value.source_url),
    }));
  },
};

const facts: ImportTable<FactRow> = {
  schema: factSchema,
  key: ["subject", "figure", "as_of", "source_url"],
  upsert: {
    table: "fact",
    key: ["subject", "figure", "as_of", "source_id"],
    columns: [
      column("subject"), column("figure"), column("value"), column("numeric_value", "numeric"), column("as_of"), column("as_of_date", "date"),
      column("as_of_precision"), column("headline", "boolean"), column("source_id", "int"),
    ],
  },
  async toDatabaseRows(context, rows) {
    return rows.map(({ value }) => ({
      subject: value.subject,
      figure: value.figure,
      value: value.value,
      numeric_value: value.numeric_value,
      as_of: value.as_of,
      as_of_date: value.as_of_date,
      as_of_precision: value.as_of_precision,
      headline: value.headline,
      source_id: context.sourceIds.get(value.source_url),
    }));
  },
};

/** Every importable kind of file, by the name its files start with. */
export const IMPORT_TABLES: Record<ImportKind, ImportTable<any>> = { chapters, membership, participation, awards, facts };
