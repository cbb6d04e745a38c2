/**
 * Plain fields are read off the row without a resolver call (src/graphql/plain-fields.ts),
 * while fields with resolvers of their own, and global IDs, keep them.
 */
import { isObjectType } from "graphql";
import { getSchema } from "../../src/graphql/schema";

it("gives no resolver to fields read straight off the row, and keeps every field resolver", () => {
  const fields = (type: string) => {
    const found = getSchema().getType(type);
    if (!isObjectType(found)) throw new Error(`${type} is not an object type`);
    return found.getFields();
  };
  const snapshot = fields("MembershipSnapshot");
  for (const plain of ["date", "individualMembers", "organizationMembers", "synthetic", "updatedAt", "version"]) expect([plain, snapshot[plain].resolve]).toEqual([plain, undefined]);
  for (const resolved of ["id", "chapter", "source"]) expect([resolved, typeof snapshot[resolved].resolve]).toEqual([resolved, "function"]);
  expect(fields("Chapter").name.resolve).toBeUndefined();
  expect(typeof fields("Chapter").membership.resolve).toBe("function");
});
