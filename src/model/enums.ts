/**
 * The enumerations the data has, with the values the database stores. They
 * live below the API layer because repositories read and write them; the
 * GraphQL layer registers them under its own names and descriptions
 * (src/graphql/types/*.type.ts).
 */

export enum ChapterKind {
  CHAPTER = "chapter",
  SIG = "sig",
}

export enum ChapterStatus {
  ACTIVE = "active",
  IN_FORMATION = "in_formation",
  INACTIVE = "inactive",
}

/** The stored values, for the entities' CHECK constraints and the import's and export's rules. */
export const CHAPTER_KINDS: readonly ChapterKind[] = Object.values(ChapterKind);
export const CHAPTER_STATUSES: readonly ChapterStatus[] = Object.values(ChapterStatus);

/** The columns chapters can be ordered by. */
export enum ChapterOrderField {
  NAME = "name",
  SLUG = "slug",
}

export enum OrderDirection {
  ASC = "ASC",
  DESC = "DESC",
}

/**
 * How much of a stored date the source actually gives. Sources say "2015" or
 * "2018-02" as often as a full day; the database stores the first day of that
 * period and this precision, so nothing pretends to know more than its source.
 */
export enum DatePrecision {
  DAY = "day",
  MONTH = "month",
  YEAR = "year",
}

export const DATE_PRECISIONS: readonly DatePrecision[] = Object.values(DatePrecision);

export enum ObjectiveKind {
  STRATEGIC = "strategic",
  OPERATIONAL = "operational",
}

export const OBJECTIVE_KINDS: readonly ObjectiveKind[] = Object.values(ObjectiveKind);

/** How chapters are grouped into membership series. */
export enum MemberGrouping {
  REGION = "region",
  COUNTRY = "country",
  KIND = "kind",
  STATUS = "status",
  CHAPTER = "chapter",
}

/** How chapters are grouped to be counted. */
export enum ChapterGrouping {
  REGION = "region",
  COUNTRY = "country",
  KIND = "kind",
  STATUS = "status",
}

/** What an edit did to a record, as the audit log records it (src/editing/). */
export enum AuditAction {
  CREATE = "create",
  UPDATE = "update",
  ARCHIVE = "archive",
}
