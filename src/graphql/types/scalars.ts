import { DateResolver } from "graphql-scalars";

/**
 * A calendar date, "YYYY-MM-DD" (RFC 3339 full-date). Rows carry dates as the
 * strings PostgreSQL sends; an argument of this type arrives as a JS Date at
 * midnight UTC, turned back into the same string by `toIsoDate`.
 */
export const DateScalar = DateResolver;

/** The month of a date, counted from year 0 (so months subtract across years). */
export function monthIndex(date: Date): number {
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
