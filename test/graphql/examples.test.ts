/**
 * schema/examples.graphql is documentation users copy from: every operation in
 * it must run against the seeded database without errors and return data.
 */
import fs from "node:fs";
import path from "node:path";
import { Kind, parse, print } from "graphql";
import { PROJECT_ROOT } from "../../src/config";
import { openHarness, type Harness } from "../support/harness";

const document = parse(fs.readFileSync(path.join(PROJECT_ROOT, "schema", "examples.graphql"), "utf8"));
const operations = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d] : []));

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

it("has examples", () => {
  expect(operations.length).toBeGreaterThanOrEqual(10);
});

it.each(operations.map((op) => [op.name!.value, print(op)]))("%s runs without errors and returns data", async (_, query) => {
  const result = await h.run(query);
  expect(result.errors).toBeUndefined();
  expect(Object.values(result.data!).every((value) => value !== null && !(Array.isArray(value) && value.length === 0))).toBe(true);
});
