/**
 * Which row properties a selection reads (src/planning/row-properties.ts):
 * every field of the planned types reads a property of its own name or is
 * listed, so no field can silently read a column a planned read left out.
 */
import { isObjectType } from "graphql";
import { getSchema } from "../../src/graphql/schema";
import { READS, propertiesRead } from "../../src/planning/row-properties";
import type { Selection } from "../../src/planning/selection";
import { CHAPTER_COLUMN_MAP } from "../../src/repositories/chapter.repository";
import { SNAPSHOT_PROPERTIES } from "../../src/repositories/membership.repository";
import { PARTICIPATION_COLUMN_MAP, PROGRAMME_COLUMN_MAP } from "../../src/repositories/programme.repository";
import { COUNTRY_COLUMN_MAP, REGION_COLUMN_MAP } from "../../src/repositories/region.repository";
import { propertiesOf } from "../../src/repositories/rows";
import { SOURCE_COLUMN_MAP } from "../../src/repositories/source.repository";

/** Each planned type's row properties, as the repositories define them. */
const PROPERTIES: Record<string, readonly string[]> = {
  Chapter: propertiesOf(CHAPTER_COLUMN_MAP),
  Country: propertiesOf(COUNTRY_COLUMN_MAP),
  Region: propertiesOf(REGION_COLUMN_MAP),
  Source: propertiesOf(SOURCE_COLUMN_MAP),
  MembershipSnapshot: SNAPSHOT_PROPERTIES,
  Participation: propertiesOf(PARTICIPATION_COLUMN_MAP),
  Programme: propertiesOf(PROGRAMME_COLUMN_MAP),
};

/** A selection of `fields`, each asking for nothing below. */
const selectionOfFields = (...fields: string[]): Selection =>
  Object.assign(new Map(fields.map((field) => [field, Object.assign(new Map(), { occurrences: [] })])), { occurrences: [] });

it("lists every planned type, and each field of one reads a property of its name or is listed with the properties it reads", () => {
  expect(Object.keys(READS).sort()).toEqual(Object.keys(PROPERTIES).sort());
  for (const [type, properties] of Object.entries(PROPERTIES)) {
    const object = getSchema().getType(type);
    if (!isObjectType(object)) throw new Error(`${type} is not an object type`);
    const fields = Object.keys(object.getFields());
    expect([type, fields.filter((field) => !properties.includes(field) && !(field in READS[type]))]).toEqual([type, []]);
    expect([type, Object.values(READS[type]).flat().filter((property) => !properties.includes(property))]).toEqual([type, []]);
  }
});

it("reads the properties its fields name, in the row's order, and nothing for __typename", () => {
  expect(propertiesRead("Chapter", selectionOfFields("region", "name", "id", "__typename"), PROPERTIES.Chapter)).toEqual(["rowId", "name", "regionId"]);
  expect(propertiesRead("Source", selectionOfFields("licence"), PROPERTIES.Source)).toEqual(["licenceId", "licenceNote"]);
  expect(propertiesRead("Country", selectionOfFields("__typename"), PROPERTIES.Country)).toEqual([]);
});

it("reads every property for a field it does not know, rather than leave one out", () => {
  expect(propertiesRead("Chapter", selectionOfFields("name", "aFieldAddedLater"), PROPERTIES.Chapter)).toEqual(PROPERTIES.Chapter);
});
