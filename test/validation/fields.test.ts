/**
 * The value rules every import (and, later, every mutation) applies: each
 * accepts what it should, as the database stores it, and refuses the rest with
 * a message that says what is wrong.
 */
import { boolean, countryCode, date, decimal, integer, nonNegativeInteger, oneOf, partialDate, slug, text, timestamp, webUrl, type FieldRule } from "../../src/validation/fields";

const accepts = <T>(rule: FieldRule<T>, raw: unknown) => {
  const result = rule(raw);
  if (!result.ok) throw new Error(`refused ${JSON.stringify(raw)}: ${result.message}`);
  return result.value;
};
const refusal = (rule: FieldRule<unknown>, raw: unknown) => {
  const result = rule(raw);
  if (result.ok) throw new Error(`accepted ${JSON.stringify(raw)}`);
  return result.message;
};

describe("country codes", () => {
  it("accept ISO 3166-1 alpha-2 codes that name a country", () => {
    expect(accepts(countryCode(), "KE")).toBe("KE");
    expect(accepts(countryCode(), "XK")).toBe("XK");
  });

  it("refuse unknown codes, alpha-3 codes and lowercase, saying why", () => {
    expect(refusal(countryCode(), "XX")).toMatch(/not an ISO 3166-1 alpha-2 country code: "XX"/);
    expect(refusal(countryCode(), "KEN")).toMatch(/not an ISO 3166-1 alpha-2/);
    expect(refusal(countryCode(), "ke")).toMatch(/capitals: "KE"/);
  });
});

describe("dates", () => {
  it("accept calendar dates written YYYY-MM-DD, leap days included", () => {
    expect(accepts(date(), "2024-02-29")).toBe("2024-02-29");
  });

  it.each(["2023-02-29", "2024-13-01", "2024-1-5", "05/01/2024", "2024-01-01T00:00:00Z"])("refuse %s", (raw) => {
    expect(refusal(date(), raw)).toMatch(/must be a date written YYYY-MM-DD/);
  });

  it("read partial dates as the first day of their period, with their precision", () => {
    expect(accepts(partialDate(), "2021")).toEqual({ date: "2021-01-01", precision: "year" });
    expect(accepts(partialDate(), "2018-02")).toEqual({ date: "2018-02-01", precision: "month" });
    expect(accepts(partialDate(), "2018-02-14")).toEqual({ date: "2018-02-14", precision: "day" });
    expect(refusal(partialDate(), "2018-02-30")).toMatch(/YYYY, YYYY-MM or YYYY-MM-DD/);
    expect(refusal(partialDate(), "2023-08-10 (wiki revision)")).toMatch(/YYYY, YYYY-MM or YYYY-MM-DD/);
  });

  it("read instants with a time zone to the microsecond, and bare dates as midnight UTC", () => {
    expect(accepts(timestamp(), "2026-11-28T10:15:00.123456Z")).toBe("2026-11-28T10:15:00.123456Z");
    expect(accepts(timestamp(), "2026-11-28T10:15:00+01:00")).toBe("2026-11-28T10:15:00+01:00");
    expect(accepts(timestamp(), "2026-11-28")).toBe("2026-11-28T00:00:00Z");
    expect(refusal(timestamp(), "2026-11-28T10:15:00")).toMatch(/time zone/);
    expect(refusal(timestamp(), "2026-02-30T10:15:00Z")).toMatch(/time zone/);
    expect(refusal(timestamp(), "yesterday")).toMatch(/must be a date/);
  });
});

describe("web addresses", () => {
  it("accept absolute http and https URLs, stored exactly as written", () => {
    expect(accepts(webUrl(), "https://example.org")).toBe("https://example.org");
    expect(accepts(webUrl(), "http://EXAMPLE.org/a b?c=d#e")).toBe("http://EXAMPLE.org/a b?c=d#e");
  });

  it("refuse other schemes, relative addresses and padded text, saying what is wanted", () => {
    for (const raw of ["javascript:alert(1)", "mailto:a@example.org", "ftp://example.org/", "www.example.org", "/path", " https://example.org"]) {
      expect(refusal(webUrl(), raw)).toBe(`must be an absolute http or https URL (like "https://example.org"), not ${JSON.stringify(raw)}`);
    }
    expect(refusal(webUrl(), 42)).toMatch(/must be text/);
  });
});

describe("numbers", () => {
  it("take counts as digits or JSON integers, zero included", () => {
    expect(accepts(nonNegativeInteger(), "0")).toBe(0);
    expect(accepts(nonNegativeInteger(), "1234")).toBe(1234);
    expect(accepts(nonNegativeInteger(), 17)).toBe(17);
  });

  it("refuse negative counts, fractions, words and values past a PostgreSQL int", () => {
    expect(refusal(nonNegativeInteger(), "-5")).toBe("must not be negative (got -5)");
    expect(refusal(nonNegativeInteger(), -5)).toBe("must not be negative (got -5)");
    expect(refusal(nonNegativeInteger(), "1.5")).toMatch(/whole number/);
    expect(refusal(nonNegativeInteger(), "12 members")).toMatch(/whole number/);
    expect(refusal(nonNegativeInteger(), "2147483648")).toMatch(/from 0 to 2147483647/);
  });

  it("bound whole numbers to a range", () => {
    expect(accepts(integer(1900, 2100), "2009")).toBe(2009);
    expect(refusal(integer(1900, 2100), "1899")).toBe("must be from 1900 to 2100 (got 1899)");
  });

  it("take plain decimals, not figures with words or separators", () => {
    expect(accepts(decimal(), "2.5")).toBe(2.5);
    expect(refusal(decimal(), "80,000+")).toMatch(/plain decimal number/);
  });
});

describe("words", () => {
  it("take enum values spelt exactly, and list the allowed ones when not", () => {
    expect(accepts(oneOf(["chapter", "sig"] as const), "sig")).toBe("sig");
    expect(refusal(oneOf(["chapter", "sig"] as const), "Chapter")).toBe('must be one of chapter, sig, not "Chapter"');
  });

  it("take booleans as JSON or as the words exports write", () => {
    expect(accepts(boolean(), "true")).toBe(true);
    expect(accepts(boolean(), false)).toBe(false);
    expect(refusal(boolean(), "yes")).toMatch(/true or false/);
  });

  it("take slugs in the database's form only", () => {
    expect(accepts(slug(), "cote-d-ivoire")).toBe("cote-d-ivoire");
    expect(refusal(slug(), "Cote d'Ivoire")).toMatch(/lowercase letters and digits/);
  });

  it("refuse a number where text belongs rather than convert it", () => {
    expect(refusal(text(), 42)).toBe("must be text, not 42");
  });
});
