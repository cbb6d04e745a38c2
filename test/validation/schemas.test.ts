/**
 * The row schemas: a record is refused with every error it has, each naming its
 * row and column; rules across columns hold; values a row leaves out are read
 * from the others as the seed reads them.
 */
import { checkColumns, validateRecord } from "../../src/validation/record";
import { chapterSchema, factSchema, membershipSchema, participationSchema } from "../../src/validation/schemas";

const snapshot = { chapter_slug: "kenya", taken_on: "2024-01-01", individual_members: "120", organization_members: "3", source_url: "https://example.org/kenya" };

describe("validateRecord", () => {
  it("returns the row, typed as the database stores it", () => {
    expect(validateRecord(membershipSchema, snapshot, 2)).toEqual({
      value: { ...snapshot, individual_members: 120, organization_members: 3, source_licence_id: null, source_licence_note: null, source_licence: null, synthetic: null, updated_at: null },
    });
  });

  it("returns every error of a record, each with its row and column", () => {
    const result = validateRecord(membershipSchema, { ...snapshot, taken_on: "2024-02-30", individual_members: "-1", organization_members: "", mascot: "owl" }, 7);
    expect(result).toEqual({
      errors: [
        { row: 7, column: "mascot", message: expect.stringMatching(/^unknown column/) },
        { row: 7, column: "taken_on", message: 'must be a date written YYYY-MM-DD, not "2024-02-30"' },
        { row: 7, column: "individual_members", message: "must not be negative (got -1)" },
        { row: 7, column: "organization_members", message: "must have a value" },
      ],
    });
  });

  it("tells a missing column from an empty one", () => {
    const { chapter_slug: _omitted, ...rest } = snapshot;
    expect(validateRecord(membershipSchema, rest, 3)).toEqual({ errors: [{ row: 3, column: "chapter_slug", message: "required column is missing" }] });
  });
});

describe("checkColumns", () => {
  it("reports missing required columns, unknown columns and repeated ones on the header's row", () => {
    expect(checkColumns(membershipSchema, ["chapter_slug", "taken_on", "taken_on", "individual_members", "source_url", "mascot"], 1)).toEqual([
      { row: 1, column: "taken_on", message: "this column appears twice" },
      { row: 1, column: "mascot", message: expect.stringMatching(/^unknown column \(the columns are: chapter_slug, taken_on/) },
      { row: 1, column: "organization_members", message: "required column is missing" },
    ]);
  });

  it("accepts every column an export writes", () => {
    const exported = ["chapter_slug", "taken_on", "individual_members", "organization_members", "source_url", "source_licence_id", "source_licence_note", "synthetic", "updated_at"];
    expect(checkColumns(membershipSchema, exported, 1)).toEqual([]);
  });
});

describe("rules across columns", () => {
  const chapter = { name: "Côte d'Ivoire Chapter", kind: "chapter", status: "active", source_url: "https://example.org/ci" };

  it("make a chapter's slug from its name when none is given, as the seed does", () => {
    expect(validateRecord(chapterSchema, chapter, 2)).toMatchObject({ value: { slug: "cote-d-ivoire" } });
    expect(validateRecord(chapterSchema, { ...chapter, slug: "civ" }, 2)).toMatchObject({ value: { slug: "civ" } });
    expect(validateRecord(chapterSchema, { ...chapter, name: "—" }, 2)).toEqual({ errors: [{ row: 2, column: "name", message: expect.stringMatching(/gives no slug/) }] });
  });

  it("read a participation's precision from its date, or check the one given", () => {
    const base = { chapter_slug: "guinea", programme_slug: "chapterthon", source_url: "https://example.org/g" };
    expect(validateRecord(participationSchema, { ...base, since: "2021" }, 2)).toMatchObject({ value: { since: "2021-01-01", since_precision: "year" } });
    expect(validateRecord(participationSchema, { ...base, since: "2021-01-01", since_precision: "year" }, 2)).toMatchObject({ value: { since: "2021-01-01", since_precision: "year" } });
    expect(validateRecord(participationSchema, { ...base, since: "2021-03-01", since_precision: "year" }, 2)).toEqual({
      errors: [{ row: 2, column: "since_precision", message: expect.stringMatching(/does not fit since 2021-03-01/) }],
    });
  });

  it("read a fact's number and date from its wording when left empty, and never guess", () => {
    const fact = { subject: "Internet Society", figure: "chapters", value: "113", as_of: "2015", source_url: "https://example.org/f" };
    expect(validateRecord(factSchema, fact, 2)).toMatchObject({ value: { numeric_value: 113, as_of_date: "2015-01-01", as_of_precision: "year", headline: false } });
    expect(validateRecord(factSchema, { ...fact, value: "about 900", as_of: "undated" }, 2)).toMatchObject({ value: { numeric_value: null, as_of_date: null, as_of_precision: null } });
    expect(validateRecord(factSchema, { ...fact, as_of_date: "2015-01-01" }, 2)).toEqual({
      errors: [{ row: 2, column: "as_of_precision", message: "as_of_date and as_of_precision go together: give both or neither" }],
    });
  });
});
