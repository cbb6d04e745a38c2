/**
 * Reads the files of `seed-data/` into typed records. Nothing here touches the
 * database; src/seed/seed.ts writes what this returns.
 */
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { PROJECT_ROOT } from "../config";

export const SEED_DATA_DIR = path.join(PROJECT_ROOT, "seed-data");

/** The seed document, as the path its rows cite. */
export const ABOUT_DOCUMENT = "seed-data/isoc-about.txt";

export interface OrganizationSeed {
  name: string;
  about: string[];
  platformGoals: string[];
  vision: string;
  mission: string;
  headlineFigures: { figure: string; value: string; quote: string }[];
  offices: { city: string; countryCode: string; quote: string }[];
  coreValues: string[];
  principles: { title: string; statement: string }[];
  objectives: { strategic: string[]; operational: string[] };
  activityGroups: { slug: string; title: string; items: string[] }[];
  whatWeDo: string;
}

export interface ProgrammeSeed {
  slug: string;
  name: string;
  area: string;
  description: string;
  evidenceUrl: string;
}

export interface ChapterRow {
  name: string;
  kind: string;
  status: string;
  country_code: string;
  region: string;
  evidence_url: string;
  evidence_note: string;
}

export interface AwardRow {
  award: string;
  year: string;
  recipient: string;
  evidence_url: string;
}

export interface FactRow {
  subject: string;
  figure: string;
  value: string;
  as_of: string;
  evidence_url: string;
}

export interface ParticipationRow {
  chapter_name: string;
  programme_slug: string;
  since: string;
  evidence_url: string;
  evidence_note: string;
}

export interface SeedData {
  organization: OrganizationSeed;
  programmes: ProgrammeSeed[];
  chapters: ChapterRow[];
  awards: AwardRow[];
  facts: FactRow[];
  participation: ParticipationRow[];
}

function readCsv<T>(dir: string, file: string, columns: (keyof T)[]): T[] {
  const rows: Record<string, string>[] = parse(fs.readFileSync(path.join(dir, file)), { columns: true, skip_empty_lines: true });
  const header = rows.length ? Object.keys(rows[0]) : [];
  const missing = columns.filter((c) => !header.includes(c as string));
  if (missing.length) throw new Error(`${file}: missing column(s) ${missing.join(", ")}`);
  return rows as T[];
}

function readJson<T>(dir: string, file: string): T {
  return JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as T;
}

export function loadSeedData(dir = SEED_DATA_DIR): SeedData {
  return {
    organization: readJson<OrganizationSeed>(dir, "organization.json"),
    programmes: readJson<ProgrammeSeed[]>(dir, "programmes.json"),
    chapters: readCsv<ChapterRow>(dir, "chapters.csv", ["name", "kind", "status", "country_code", "region", "evidence_url", "evidence_note"]),
    awards: readCsv<AwardRow>(dir, "awards.csv", ["award", "year", "recipient", "evidence_url"]),
    facts: readCsv<FactRow>(dir, "facts.csv", ["subject", "figure", "value", "as_of", "evidence_url"]),
    participation: readCsv<ParticipationRow>(dir, "participation.csv", ["chapter_name", "programme_slug", "since", "evidence_url", "evidence_note"]),
  };
}
