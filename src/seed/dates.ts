import { DatePrecision } from "../model/enums";

export interface PartialDate {
  /** The first day of the period, YYYY-MM-DD. */
  date: string;
  precision: DatePrecision;
}

/** A date's day, YYYY-MM-DD, in UTC: the dates here are days at midnight UTC (a database date, a `Date` scalar's value). */
export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Whether `date` (YYYY-MM-DD) names a day of the calendar (2023-02-29 does not). */
export function isCalendarDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && toIsoDate(parsed) === date;
}

/**
 * Reads the date a source gives at the start of a label: "2015" (a year),
 * "2018-02" (a month), "2023-08-10 (wiki revision)" (a day). Anything else
 * ("undated", "end of 2021") is null: no date is guessed.
 */
export function parsePartialDate(label: string): PartialDate | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\d-])/.exec(label.trim());
  if (!match) return null;
  const [, year, month, day] = match;
  const date = `${year}-${month ?? "01"}-${day ?? "01"}`;
  if (!isCalendarDate(date)) return null;
  return { date, precision: day ? DatePrecision.DAY : month ? DatePrecision.MONTH : DatePrecision.YEAR };
}

/** "18,632" → 18632 and "3000" → 3000; a value with words or qualifiers ("80,000+", "about 900") → null. */
export function parsePlainNumber(value: string): number | null {
  return /^(\d{1,3}(,\d{3})+|\d+)$/.test(value.trim()) ? Number(value.replace(/,/g, "")) : null;
}
