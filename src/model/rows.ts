/**
 * The rows repositories return: plain objects named as the API names their
 * fields, plus the database keys relations are loaded by (`rowId`,
 * `chapterId`, `sourceId`, …). They carry no global ID: the GraphQL layer
 * makes it from the type and the key (src/graphql/types/node.type.ts). The
 * GraphQL object types implement these interfaces, so a row is what a
 * resolver returns, without a copy.
 */
import type { ChapterKind, ChapterStatus, DatePrecision, ObjectiveKind } from "./enums";

/** Every stored record: when its row last changed. */
export interface TimestampedRow {
  updatedAt: Date;
}

/** Records editors change: their version (optimistic concurrency). */
export interface VersionedRow {
  version: number;
}

/** Records carrying a figure or quoted text, and so a source. */
export interface SourcedRow {
  sourceId: number;
}

export interface ChapterRow extends TimestampedRow, VersionedRow, SourcedRow {
  rowId: number;
  slug: string;
  name: string;
  kind: ChapterKind;
  status: ChapterStatus;
  countryCode: string | null;
  regionId: number | null;
  foundedOn: string | null;
  website: string | null;
  evidenceNote: string | null;
  archivedAt: Date | null;
}

export interface SnapshotRow extends TimestampedRow, VersionedRow, SourcedRow {
  rowId: number;
  chapterId: number;
  date: string;
  individualMembers: number;
  organizationMembers: number;
  synthetic: boolean;
}

export interface ProgrammeRow extends TimestampedRow, SourcedRow {
  rowId: number;
  slug: string;
  name: string;
  area: string;
  description: string;
}

export interface ParticipationRow extends TimestampedRow, VersionedRow, SourcedRow {
  rowId: number;
  chapterId: number;
  programmeId: number;
  since: string;
  sincePrecision: DatePrecision;
  evidenceNote: string | null;
  archivedAt: Date | null;
}

export interface RegionRow extends TimestampedRow {
  rowId: number;
  slug: string;
  name: string;
}

/** Countries are keyed by their ISO code, not a row id. */
export interface CountryRow extends TimestampedRow {
  code: string;
  name: string;
}

export interface MemberTotalsRow {
  at: string;
  individualMembers: number;
  organizationMembers: number;
  chapterCount: number;
  synthetic: boolean;
}

export interface AwardRow extends TimestampedRow {
  rowId: number;
  slug: string;
  name: string;
}

export interface AwardRecipientRow extends TimestampedRow, SourcedRow {
  rowId: number;
  awardId: number;
  year: number;
  recipient: string;
}

export interface SourceRow extends TimestampedRow {
  rowId: number;
  url: string;
  title: string | null;
  retrievedOn: string | null;
  licenceId: string | null;
  licenceNote: string | null;
  synthetic: boolean;
  note: string | null;
  /** Set when the statement that loaded the source also counted its citations (the `sources` list). */
  citationCount?: number;
}

export interface OrganizationRow extends TimestampedRow, SourcedRow {
  name: string;
  vision: string;
  mission: string;
  about: string[];
  platformGoals: string[];
  whatWeDo: string;
}

export interface OfficeRow extends TimestampedRow, SourcedRow {
  rowId: number;
  countryCode: string;
  city: string;
  quote: string;
}

export interface PrincipleRow extends TimestampedRow, SourcedRow {
  rowId: number;
  position: number;
  title: string;
  statement: string;
}

export interface CoreValueRow extends TimestampedRow, SourcedRow {
  rowId: number;
  position: number;
  statement: string;
}

export interface ObjectiveRow extends TimestampedRow, SourcedRow {
  rowId: number;
  kind: ObjectiveKind;
  ordinal: number;
  text: string;
}

export interface ActivityRow extends TimestampedRow, SourcedRow {
  rowId: number;
  group: string;
  groupTitle: string;
  ordinal: number;
  text: string;
}

export interface FactRow extends TimestampedRow, VersionedRow, SourcedRow {
  rowId: number;
  subject: string;
  figure: string;
  value: string;
  numericValue: number | null;
  asOf: string;
  asOfDate: string | null;
  asOfPrecision: DatePrecision | null;
  headline: boolean;
}

/** Membership of a group of chapters at one date. */
export interface MemberPointRow {
  date: string;
  individualMembers: number;
  organizationMembers: number;
  chapterCount: number;
  synthetic: boolean;
}

/** The membership of one group of chapters over time. */
export interface MemberSeriesRow {
  key: string | null;
  label: string;
  synthetic: boolean;
  points: MemberPointRow[];
}

export interface ChapterCountRow {
  key: string | null;
  label: string;
  count: number;
  synthetic: boolean;
}
