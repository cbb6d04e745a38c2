/**
 * Writes `seed-data/` into the database, in one transaction, idempotently:
 * every table is upserted by its natural key, and a second run changes nothing.
 * The tables an import also writes are upserted with the import's specs
 * (src/import/tables.ts: the same columns and natural keys); the others
 * (sources, regions, countries, the organisation's texts) only the seed writes.
 */
import countries from "i18n-iso-countries";
import type { DataSource, EntityManager } from "typeorm";
import { CHAPTER_KINDS, CHAPTER_STATUSES } from "../model/enums";
import { AWARD_UPSERT, IMPORT_TABLES } from "../import/tables";
import { DATA_LICENCE } from "../licensing/data-licence";
import { parsePartialDate, parsePlainNumber } from "./dates";
import { ABOUT_DOCUMENT, loadSeedData, type SeedData } from "./seed-data";
import { slugify } from "./slug";
import { SYNTHETIC_MEMBERSHIP_SOURCE, upsertSyntheticMembership } from "./synthetic-membership";
import { upsert } from "./upsert";

/** When the public-facts CSVs were compiled from stored copies of the cited pages (seed-data/DATA-README.md). */
const COMPILED_ON = "2026-11-28";
/**
 * The evidence pages' own licences are not recorded (most state none), so their
 * sources have no SPDX identifier, only this note: what is taken from them is facts.
 */
const EVIDENCE_LICENCE_NOTE =
  "Facts (names, years, counts, dates) cited to the public page, whose own licence is not recorded here; facts are not copyrightable, " +
  `and this project's compilation of them is offered under ${DATA_LICENCE.compilation.id}: keep the citation (seed-data/DATA-README.md)`;
const ABOUT_LICENCE_NOTE = "© Internet Society; quoted verbatim for reference, and not covered by this project's data licence";

/** Rows inserted or changed per table; all zeros on a second run. */
export type SeedReport = Record<string, number>;

const T = (name: string, type = "text") => ({ name, type });

async function idsBy(manager: EntityManager, table: string, key: string): Promise<Map<string, number>> {
  const rows: { id: number; key: string }[] = await manager.query(`SELECT id, "${key}" AS key FROM "${table}"`);
  return new Map(rows.map((r) => [r.key, r.id]));
}

function lookup(map: Map<string, number>, key: string, what: string): number {
  const id = map.get(key);
  if (id === undefined) throw new Error(`Seed data refers to unknown ${what} "${key}"`);
  return id;
}

function validate(data: SeedData): void {
  const slugs = new Set<string>();
  for (const row of data.chapters) {
    if (!(CHAPTER_KINDS as readonly string[]).includes(row.kind)) throw new Error(`chapters.csv: "${row.name}" has unknown kind "${row.kind}"`);
    if (!(CHAPTER_STATUSES as readonly string[]).includes(row.status)) throw new Error(`chapters.csv: "${row.name}" has unknown status "${row.status}"`);
    if (row.country_code && !countries.isValid(row.country_code)) throw new Error(`chapters.csv: "${row.name}" has unknown country "${row.country_code}"`);
    const slug = slugify(row.name);
    if (slugs.has(slug)) throw new Error(`chapters.csv: two chapters have the slug "${slug}"`);
    slugs.add(slug);
  }
}

export async function seedDatabase(dataSource: DataSource, data: SeedData = loadSeedData()): Promise<SeedReport> {
  validate(data);
  const org = data.organization;
  return dataSource.transaction(async (manager) => {
    const report: SeedReport = {};

    const evidenceUrls = new Set([
      ...data.chapters.map((r) => r.evidence_url),
      ...data.awards.map((r) => r.evidence_url),
      ...data.facts.map((r) => r.evidence_url),
      ...data.participation.map((r) => r.evidence_url),
      ...data.programmes.map((p) => p.evidenceUrl),
    ]);
    evidenceUrls.delete(ABOUT_DOCUMENT);
    report.source = await upsert(
      manager,
      { table: "source", key: ["url"], columns: [T("url"), T("title"), T("retrieved_on", "date"), T("licence_id"), T("licence_note"), T("synthetic", "boolean"), T("note")] },
      [
        {
          url: ABOUT_DOCUMENT,
          title: "The Internet Society's own description of its mission, values, principles, objectives and work",
          retrieved_on: null,
          licence_id: null,
          licence_note: ABOUT_LICENCE_NOTE,
          synthetic: false,
          note: "The document this project was created from; shipped in the repository.",
        },
        { ...SYNTHETIC_MEMBERSHIP_SOURCE, retrieved_on: null, synthetic: true },
        ...[...evidenceUrls].sort().map((url) => ({
          url,
          title: null,
          retrieved_on: COMPILED_ON,
          licence_id: null,
          licence_note: EVIDENCE_LICENCE_NOTE,
          synthetic: false,
          note: "Evidence page cited by the public-facts dataset (seed-data/*.csv), compiled from a stored copy.",
        })),
      ],
    );
    const sourceIds = await idsBy(manager, "source", "url");
    const aboutSource = lookup(sourceIds, ABOUT_DOCUMENT, "source");

    const regionNames = [...new Set(data.chapters.map((r) => r.region).filter(Boolean))].sort();
    report.region = await upsert(manager, { table: "region", key: ["slug"], columns: [T("slug"), T("name")] },
      regionNames.map((name) => ({ slug: slugify(name), name })));
    const regionIds = await idsBy(manager, "region", "name");

    report.country = await upsert(manager, { table: "country", key: ["code"], columns: [T("code"), T("name")] },
      Object.entries(countries.getNames("en", { select: "official" })).sort().map(([code, name]) => ({ code, name })));

    report.chapter = await upsert(
      manager,
      IMPORT_TABLES.chapters.upsert,
      data.chapters.map((r) => ({
        slug: slugify(r.name),
        name: r.name,
        kind: r.kind,
        status: r.status,
        country_code: r.country_code || null,
        region_id: r.region ? lookup(regionIds, r.region, "region") : null,
        founded_on: null,
        website: null,
        source_id: lookup(sourceIds, r.evidence_url, "source"),
        evidence_note: r.evidence_note || null,
      })),
    );
    const chapterIds = await idsBy(manager, "chapter", "name");

    report.membership_snapshot = await upsertSyntheticMembership(manager, lookup(sourceIds, SYNTHETIC_MEMBERSHIP_SOURCE.url, "source"));

    report.programme = await upsert(
      manager,
      { table: "programme", key: ["slug"], columns: [T("slug"), T("name"), T("area"), T("description"), T("source_id", "int")] },
      data.programmes.map((p) => ({ slug: p.slug, name: p.name, area: p.area, description: p.description, source_id: lookup(sourceIds, p.evidenceUrl, "source") })),
    );
    const programmeIds = await idsBy(manager, "programme", "slug");

    report.participation = await upsert(
      manager,
      IMPORT_TABLES.participation.upsert,
      data.participation.map((r) => {
        const since = parsePartialDate(r.since);
        if (!since) throw new Error(`participation.csv: "${r.chapter_name}" has an unreadable since "${r.since}"`);
        return {
          chapter_id: lookup(chapterIds, r.chapter_name, "chapter"),
          programme_id: lookup(programmeIds, r.programme_slug, "programme"),
          since: since.date,
          since_precision: since.precision,
          source_id: lookup(sourceIds, r.evidence_url, "source"),
          evidence_note: r.evidence_note || null,
        };
      }),
    );

    const awardNames = [...new Set(data.awards.map((r) => r.award))].sort();
    report.award = await upsert(manager, AWARD_UPSERT, awardNames.map((name) => ({ slug: slugify(name), name })));
    const awardIds = await idsBy(manager, "award", "name");
    report.award_recipient = await upsert(
      manager,
      IMPORT_TABLES.awards.upsert,
      data.awards.map((r) => ({
        award_id: lookup(awardIds, r.award, "award"),
        year: Number(r.year),
        recipient: r.recipient,
        source_id: lookup(sourceIds, r.evidence_url, "source"),
      })),
    );

    const fact = (subject: string, figure: string, value: string, asOf: string, sourceId: number, headline: boolean) => {
      const date = parsePartialDate(asOf);
      return { subject, figure, value, numeric_value: parsePlainNumber(value), as_of: asOf, as_of_date: date?.date ?? null, as_of_precision: date?.precision ?? null, headline, source_id: sourceId };
    };
    report.fact = await upsert(manager, IMPORT_TABLES.facts.upsert, [
      ...org.headlineFigures.map((h) => fact(org.name, h.figure, h.value, "undated", aboutSource, true)),
      ...data.facts.map((r) => fact(r.subject, r.figure, r.value, r.as_of, lookup(sourceIds, r.evidence_url, "source"), false)),
    ]);

    report.office = await upsert(manager, { table: "office", key: ["city"], columns: [T("city"), T("country_code"), T("quote"), T("source_id", "int")] },
      org.offices.map((o) => ({ city: o.city, country_code: o.countryCode, quote: o.quote, source_id: aboutSource })));

    report.organization = await upsert(
      manager,
      { table: "organization", key: ["id"], columns: [T("id", "int"), T("name"), T("vision"), T("mission"), T("about", "text[]"), T("platform_goals", "text[]"), T("what_we_do"), T("source_id", "int")] },
      [{ id: 1, name: org.name, vision: org.vision, mission: org.mission, about: org.about, platform_goals: org.platformGoals, what_we_do: org.whatWeDo, source_id: aboutSource }],
    );

    report.principle = await upsert(manager, { table: "principle", key: ["position"], columns: [T("position", "int"), T("title"), T("statement"), T("source_id", "int")] },
      org.principles.map((p, i) => ({ position: i + 1, title: p.title, statement: p.statement, source_id: aboutSource })));
    report.core_value = await upsert(manager, { table: "core_value", key: ["position"], columns: [T("position", "int"), T("statement"), T("source_id", "int")] },
      org.coreValues.map((statement, i) => ({ position: i + 1, statement, source_id: aboutSource })));
    report.objective = await upsert(manager, { table: "objective", key: ["kind", "ordinal"], columns: [T("kind"), T("ordinal", "int"), T("text"), T("source_id", "int")] }, [
      ...org.objectives.strategic.map((text, i) => ({ kind: "strategic", ordinal: i + 1, text, source_id: aboutSource })),
      ...org.objectives.operational.map((text, i) => ({ kind: "operational", ordinal: i + 1, text, source_id: aboutSource })),
    ]);
    report.activity = await upsert(
      manager,
      { table: "activity", key: ["group_slug", "ordinal"], columns: [T("group_slug"), T("group_title"), T("ordinal", "int"), T("text"), T("source_id", "int")] },
      org.activityGroups.flatMap((g) => g.items.map((text, i) => ({ group_slug: g.slug, group_title: g.title, ordinal: i + 1, text, source_id: aboutSource }))),
    );
    return report;
  });
}

/** Whether the database has never been seeded (the organisation row is the last thing a seed writes). */
export async function isSeeded(dataSource: DataSource): Promise<boolean> {
  const rows = await dataSource.query(`SELECT 1 FROM organization LIMIT 1`);
  return rows.length > 0;
}
