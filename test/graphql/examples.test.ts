/**
 * schema/examples.graphql is documentation users copy from: every operation in
 * it must run against the seeded database without errors and return data.
 */
import fs from "node:fs";
import path from "node:path";
import { getNamedType, isInterfaceType, isObjectType, Kind, parse, print, TypeInfo, visit, visitWithTypeInfo } from "graphql";
import { PROJECT_ROOT } from "../../src/config";
import { queryCost } from "../../src/graphql/cost";
import { getSchema } from "../../src/graphql/schema";
import { openHarness, type Harness } from "../support/harness";

const document = parse(fs.readFileSync(path.join(PROJECT_ROOT, "schema", "examples.graphql"), "utf8"));
const operations = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d] : []));

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

it("select `id` on every object a normalised client cache (Apollo Client, urql) keeps, and `__typename` on an interface", () => {
  const schema = getSchema();
  const missing: string[] = [];
  for (const operation of operations) {
    const typeInfo = new TypeInfo(schema);
    visit(operation, visitWithTypeInfo(typeInfo, {
      SelectionSet(node, _key, parent) {
        // An inline fragment's fields join its parent's, which selects id and __typename.
        if (parent && "kind" in parent && parent.kind === Kind.INLINE_FRAGMENT) return;
        const type = typeInfo.getType() && getNamedType(typeInfo.getType()!);
        const fields = node.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.name.value] : []));
        if ((isObjectType(type) || isInterfaceType(type)) && (type.name === "Node" || type.getInterfaces().some((iface) => iface.name === "Node")) && !fields.includes("id")) {
          missing.push(`${operation.name!.value}: ${type.name} without id`);
        }
        if (isInterfaceType(type) && !fields.includes("__typename")) missing.push(`${operation.name!.value}: ${type.name} without __typename`);
      },
    }));
  }
  expect(missing).toEqual([]);
});

it("are priced in the README's cost table as the cost model prices them", () => {
  const readme = fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
  const [, names, costs] = readme.match(/^\| examples\.graphql: ([^|]+) \| ([^|]+) \|$/m)!;
  const stated = Object.fromEntries(names.split(" / ").map((name, i) => [name.trim(), Number(costs.split(" / ")[i].replace(/,/g, ""))]));
  expect(Object.keys(stated).length).toBeGreaterThanOrEqual(4);
  const computed = Object.fromEntries(Object.keys(stated).map((name) => [name, queryCost(getSchema(), { kind: Kind.DOCUMENT, definitions: [operations.find((op) => op.name!.value === name)!] }, {}, undefined)]));
  expect(computed).toEqual(stated);
});

it("has examples", () => {
  expect(operations.length).toBeGreaterThanOrEqual(10);
});

it.each(operations.map((op) => [op.name!.value, print(op)]))("%s runs without errors and returns data", async (_, query) => {
  const result = await h.run(query);
  expect(result.errors).toBeUndefined();
  expect(Object.values(result.data!).every((value) => value !== null && !(Array.isArray(value) && value.length === 0))).toBe(true);
});
