/**
 * One vocabulary: what a query returns, a mutation takes back. The test walks
 * the schema and finds every input field typed String whose namesake on an
 * output type is an enum or a date, so a value copied from a query could not
 * be sent back as it is.
 */
import { getNamedType, isEnumType, isInputObjectType, isObjectType, isScalarType, type GraphQLNamedType } from "graphql";
import { getSchema } from "../../src/graphql/schema";

const DATE_SCALARS = new Set(["Date", "DateTime"]);
const isFixedOrDate = (type: GraphQLNamedType) => isEnumType(type) || (isScalarType(type) && DATE_SCALARS.has(type.name));

/** String inputs whose output twin is an enum or a date: `Input.field → Output.field: Type`. */
function mismatches(): string[] {
  const types = Object.values(getSchema().getTypeMap()).filter((type) => !type.name.startsWith("__"));
  const outputs = types.filter(isObjectType);
  const found: string[] = [];
  for (const input of types.filter(isInputObjectType)) {
    for (const field of Object.values(input.getFields())) {
      if (getNamedType(field.type).name !== "String") continue;
      for (const output of outputs) {
        const twin = output.getFields()[field.name];
        if (twin && isFixedOrDate(getNamedType(twin.type))) found.push(`${input.name}.${field.name} → ${output.name}.${field.name}: ${getNamedType(twin.type).name}`);
      }
    }
  }
  return found.sort();
}

/**
 * Dates that mutations still take as text (YYYY-MM-DD, or YYYY / YYYY-MM for `since`): the import's
 * rules parse them, and moving them to `Date` is the open part of issue 14. The list may only shrink.
 */
const DATES_STILL_TEXT = [
  "ChapterInput.foundedOn → Chapter.foundedOn: Date",
  "ChapterPatch.foundedOn → Chapter.foundedOn: Date",
  "FactInput.asOfDate → Fact.asOfDate: Date",
  "FactPatch.asOfDate → Fact.asOfDate: Date",
  "ParticipationInput.since → Participation.since: Date",
];

it("has no String input whose output twin is an enum (kind, status, precisions), and no new one for a date", () => {
  const found = mismatches();
  expect(found.filter((mismatch) => !DATES_STILL_TEXT.includes(mismatch))).toEqual([]);
  // Each entry of the list is still real: one that was fixed leaves the list.
  expect(DATES_STILL_TEXT.filter((mismatch) => !found.includes(mismatch))).toEqual([]);
});

it("finds a String input whose twin is an enum (the walk itself works)", () => {
  const filter = getSchema().getType("ChapterFilter");
  expect(isInputObjectType(filter) && getNamedType(filter.getFields().kind.type).name).toBe("ChapterKind");
  expect(mismatches().some((mismatch) => mismatch.endsWith(": Date"))).toBe(true);
});
