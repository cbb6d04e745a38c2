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

/** The columns chapters can be ordered by. */
export enum ChapterOrderField {
  NAME = "name",
  SLUG = "slug",
}

export enum OrderDirection {
  ASC = "ASC",
  DESC = "DESC",
}

/** How much of a date its source gives (src/entities/date-precision.ts). */
export enum DatePrecision {
  DAY = "day",
  MONTH = "month",
  YEAR = "year",
}

export enum ObjectiveKind {
  STRATEGIC = "strategic",
  OPERATIONAL = "operational",
}

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
