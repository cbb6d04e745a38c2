/**
 * The schema is the public contract and its own documentation.
 */
import fs from "node:fs";
import { isInputObjectType, isInterfaceType, isObjectType, isEnumType } from "graphql";
import { getSchema, printSchemaSdl, SCHEMA_FILE } from "../../src/graphql/schema";

describe("schema/schema.graphql", () => {
  it("is the SDL the code emits (run `npm run schema:emit` and commit it when this fails)", () => {
    expect(fs.readFileSync(SCHEMA_FILE, "utf8")).toBe(printSchemaSdl());
  });
});

describe("descriptions", () => {
  it("exist on every type, field, argument and enum value of the API", () => {
    const missing: string[] = [];
    for (const type of Object.values(getSchema().getTypeMap())) {
      if (type.name.startsWith("__")) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of "args" in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
