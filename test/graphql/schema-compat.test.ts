/**
 * The contract rule CI applies to every schema change (npm run schema:check).
 */
import { compareSchemas } from "../../src/graphql/schema-compat";

const BEFORE = `type Query { chapter(slug: String!): Chapter }
type Chapter { name: String! website: String legacy: String @deprecated(reason: "Use website.") }`;

describe("compareSchemas", () => {
  it("lets an added field land", async () => {
    const { problems } = await compareSchemas(BEFORE, BEFORE.replace("name: String!", "name: String! slug: String!"), "");
    expect(problems).toEqual([]);
  });

  it("refuses removing a field that was not deprecated, even when the changelog mentions it", async () => {
    const { problems } = await compareSchemas(BEFORE, BEFORE.replace(" website: String", ""), "Removed Chapter.website");
    expect(problems).toEqual([expect.stringMatching(/Chapter.website.*deprecate it/)]);
  });

  it("refuses removing a deprecated field unless the changelog records it", async () => {
    const after = BEFORE.replace(/ legacy: String @deprecated\(reason: "Use website."\)/, "");
    expect((await compareSchemas(BEFORE, after, "")).problems).toEqual([expect.stringMatching(/record it in CHANGELOG.md.*Chapter.legacy/)]);
    expect((await compareSchemas(BEFORE, after, "- Removed `Chapter.legacy` (deprecated since 0.1).")).problems).toEqual([]);
  });

  it("refuses an unrecorded type change of an argument", async () => {
    const { problems } = await compareSchemas(BEFORE, BEFORE.replace("slug: String!", "slug: ID!"), "");
    expect(problems).toHaveLength(1);
  });
});
