/**
 * Rules for one value of a row: each reads what a file or an input gives (a
 * CSV cell is always text; JSON and GraphQL inputs also give numbers, booleans
 * and null) and returns the value as the database stores it, or a message
 * saying what is wrong in words the person who wrote the value can act on.
 *
 * Absent values (missing, null, empty text) never reach a rule: whether a
 * column may be empty is the row schema's business (./record.ts).
 */
import countries from "i18n-iso-countries";
import { DatePrecision } from "../model/enums";
import { isCalendarDate, parsePartialDate, type PartialDate } from "../seed/dates";

export type FieldResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** Reads one present value. */
export type FieldRule<T> = (raw: unknown) => FieldResult<T>;

const valid = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const invalid = (message: string): FieldResult<never> => ({ ok: false, message });

/** How a value appears in a message: text quoted, anything else as JSON. */
function shown(raw: unknown): string {
  return typeof raw === "string" ? JSON.stringify(raw) : String(JSON.stringify(raw));
}

/** The longest text a value may hold: far above any name, note or URL, far below what would burden a page of results. */
export const MAX_TEXT_LENGTH = 10_000;

/**
 * Text; a number or a boolean where text belongs is a mistake in the file, not
 * something to convert silently. Text is stored exactly as given (quotes, SQL
 * metacharacters and any Unicode included), except what PostgreSQL text cannot
 * hold (the NUL character) and what is too long to be a value: those are refused.
 */
export const text = (): FieldRule<string> => (raw) => {
  if (typeof raw !== "string") return invalid(`must be text, not ${shown(raw)}`);
  if (raw.includes("\u0000")) return invalid("must not contain the NUL character (U+0000)");
  if (raw.length > MAX_TEXT_LENGTH) return invalid(`must be at most ${MAX_TEXT_LENGTH.toLocaleString("en-US")} characters long (got ${raw.length.toLocaleString("en-US")})`);
  return valid(raw);
};

/** The largest value of a PostgreSQL `int` column. */
const INT_MAX = 2 ** 31 - 1;

/** A whole number from `min` to `max`: digits in text, or an integral JSON number. */
export const integer = (min: number, max: number = INT_MAX): FieldRule<number> => (raw) => {
  const value = typeof raw === "number" ? raw : typeof raw === "string" && /^[+-]?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isInteger(value)) return invalid(`must be a whole number, not ${shown(raw)}`);
  if (value < min || value > max) {
    return invalid(min === 0 && value < 0 ? `must not be negative (got ${value})` : `must be from ${min} to ${max} (got ${value})`);
  }
  return valid(value);
};

/** A count: a whole number, zero or more. */
export const nonNegativeInteger = (): FieldRule<number> => integer(0);

/** A decimal number ("18632", "2.5", "-3"); thousands separators and words are refused, as the seed's figures are. */
export const decimal = (): FieldRule<number> => (raw) => {
  const value = typeof raw === "number" ? raw : typeof raw === "string" && /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : NaN;
  return Number.isFinite(value) ? valid(value) : invalid(`must be a plain decimal number such as 18632 or 2.5, not ${shown(raw)}`);
};

/** true or false (a JSON boolean, or the words as text, as exports write them). */
export const boolean = (): FieldRule<boolean> => (raw) => {
  if (typeof raw === "boolean") return valid(raw);
  if (raw === "true" || raw === "false") return valid(raw === "true");
  return invalid(`must be true or false, not ${shown(raw)}`);
};

/** One of `values`, spelt exactly. */
export const oneOf = <V extends string>(values: readonly V[]): FieldRule<V> => (raw) =>
  typeof raw === "string" && (values as readonly string[]).includes(raw)
    ? valid(raw as V)
    : invalid(`must be one of ${values.join(", ")}, not ${shown(raw)}`);

/**
 * An absolute http or https URL as the WHATWG URL standard parses it
 * ("https://example.org/path"), stored as given. Other schemes
 * ("javascript:", "mailto:") and relative addresses are refused: these are
 * addresses for people to open in a browser. The GraphQL `URL` scalar checks
 * with this rule (src/graphql/types/scalars.ts).
 */
export const webUrl = (): FieldRule<string> => (raw) => {
  const checked = text()(raw);
  if (!checked.ok) return checked;
  const url = URL.canParse(checked.value) ? new URL(checked.value) : null;
  return url && (url.protocol === "http:" || url.protocol === "https:") && checked.value === checked.value.trim()
    ? valid(checked.value)
    : invalid(`must be an absolute http or https URL (like "https://example.org"), not ${shown(raw)}`);
};

/** A URL-safe identifier as the database's slug checks want it: "cote-d-ivoire". */
export const slug = (): FieldRule<string> => (raw) =>
  typeof raw === "string" && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(raw)
    ? valid(raw)
    : invalid(`must be lowercase letters and digits joined by single hyphens (like "cote-d-ivoire"), not ${shown(raw)}`);

/** An ISO 3166-1 alpha-2 code that names a country (i18n-iso-countries), in capitals as stored. */
export const countryCode = (): FieldRule<string> => (raw) => {
  if (typeof raw !== "string" || !/^[A-Za-z]{2}$/.test(raw) || !countries.isValid(raw)) {
    return invalid(`is not an ISO 3166-1 alpha-2 country code: ${shown(raw)}`);
  }
  return raw === raw.toUpperCase() ? valid(raw) : invalid(`must be in capitals: "${raw.toUpperCase()}", not ${shown(raw)}`);
};

/** A calendar date written YYYY-MM-DD. */
export const date = (): FieldRule<string> => (raw) =>
  typeof raw === "string" && /^\d{4}-\d{2}-\d{2}$/.test(raw) && isCalendarDate(raw)
    ? valid(raw)
    : invalid(`must be a date written YYYY-MM-DD, not ${shown(raw)}`);

/**
 * A date as precise as its source: "2015" (a year), "2018-02" (a month) or
 * "2018-02-14" (a day), read as the first day of the period with its precision
 * (src/entities/date-precision.ts), the way the seed reads dates.
 */
export const partialDate = (): FieldRule<PartialDate> => (raw) => {
  const parsed = typeof raw === "string" && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(raw) ? parsePartialDate(raw) : null;
  return parsed ? valid(parsed) : invalid(`must be a date written YYYY, YYYY-MM or YYYY-MM-DD, not ${shown(raw)}`);
};

/**
 * An instant: ISO 8601 with a time zone ("2026-11-28T10:15:00.123456Z",
 * "…+01:00"), or a bare date meaning its midnight in UTC. Returned as text
 * PostgreSQL reads as timestamptz without losing its microseconds (a JS Date
 * would keep milliseconds only, and `since` must compare exactly).
 */
export const timestamp = (): FieldRule<string> => (raw) => {
  if (typeof raw === "string" && /^\d{4}-\d{2}-\d{2}$/.test(raw) && isCalendarDate(raw)) return valid(`${raw}T00:00:00Z`);
  const match = typeof raw === "string" ? /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/.exec(raw) : null;
  if (match && isCalendarDate(match[1])) return valid(raw as string);
  return invalid(`must be a date (YYYY-MM-DD) or a date and time with a time zone (YYYY-MM-DDTHH:MM:SS[.ffffff]Z), not ${shown(raw)}`);
};

/** Whether `date` is the first day of a period of `precision` (a year's dates are YYYY-01-01). */
export function startsPeriod(date: string, precision: DatePrecision): boolean {
  return precision === "day" || (date.endsWith("-01") && (precision === "month" || date.slice(5) === "01-01"));
}
