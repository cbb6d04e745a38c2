/**
 * One vocabulary: what a query returns, a mutation takes back. The test walks
 * the schema and finds every input field typed String whose twin on an output
 * type (the field of the same name, or the differently named one listed in
 * RENAMED_TWINS) is an enum, a date or a URL, so a value copied from a query
 * could not be sent back as it is. There are no exceptions.
 */
import { buildSchema, getNamedType, isEnumType, isInputObjectType, isObjectType, isScalarType, type GraphQLNamedType, type GraphQLSchema } from "graphql";
import { getSchema } from "../../src/graphql/schema";

const TYPED_SCALARS = new Set(["Date", "DateTime", "URL"]);
const isTyped = (type: GraphQLNamedType) => isEnumType(type) || (isScalarType(type) && TYPED_SCALARS.has(type.name));

/**
 * Input fields named after the import file's column rather than the output
 * field they are copied from: `Input.field` → `Output.field`.
 */
const RENAMED_TWINS: Record<string, string> = {
  "MembershipInput.takenOn": "MembershipSnapshot.date",
  "MembershipPatch.takenOn": "MembershipSnapshot.date",
};

/** String inputs whose output twin is an enum, a date or a URL: `Input.field → Output.field: Type`. */
function mismatches(schema: GraphQLSchema, renamed: Record<string, string> = {}): string[] {
  const types = Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith("__"));
  const outputs = types.filter(isObjectType);
  const found: string[] = [];
  for (const input of types.filter(isInputObjectType)) {
    for (const field of Object.values(input.getFields())) {
      if (getNamedType(field.type).name !== "String") continue;
      const twins = outputs.flatMap((output) => (output.getFields()[field.name] ? [`${output.name}.${field.name}`] : []));
      const renamedTwin = renamed[`${input.name}.${field.name}`];
      for (const twin of renamedTwin ? [...twins, renamedTwin] : twins) {
        const [typeName, fieldName] = twin.split(".");
        const output = schema.getType(typeName);
        const type = isObjectType(output) ? output.getFields()[fieldName]?.type : undefined;
        if (type && isTyped(getNamedType(type))) found.push(`${input.name}.${field.name} → ${twin}: ${getNamedType(type).name}`);
      }
    }
  }
  return found.sort();
}

it("has no String input whose output twin is an enum, a date or a URL", () => {
  expect(mismatches(getSchema(), RENAMED_TWINS)).toEqual([]);
});

it("lists each renamed twin as fields the schema has", () => {
  const schema = getSchema();
  for (const [input, output] of Object.entries(RENAMED_TWINS)) {
    for (const path of [input, output]) {
      const [typeName, fieldName] = path.split(".");
      const type = schema.getType(typeName);
      expect([path, (isInputObjectType(type) || isObjectType(type)) && fieldName in type.getFields()]).toEqual([path, true]);
    }
  }
});

it("finds a String input whose twin is an enum, a date or a URL, by name or as a renamed twin (the walk itself works)", () => {
  const schema = buildSchema(`
    scalar Date
    scalar URL
    enum Kind { A B }
    type Thing { kind: Kind when: Date site: URL day: Date name: String }
    input ThingInput { kind: String when: String site: String takenOn: String name: String }
    type Query { thing: Thing }
  `);
  expect(mismatches(schema, { "ThingInput.takenOn": "Thing.day" })).toEqual([
    "ThingInput.kind → Thing.kind: Kind",
    "ThingInput.site → Thing.site: URL",
    "ThingInput.takenOn → Thing.day: Date",
    "ThingInput.when → Thing.when: Date",
  ]);
});
