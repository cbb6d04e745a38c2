import { Field, ID, InterfaceType } from "type-graphql";

/** The property a row carries to tell `node(id)` which GraphQL type it is. */
export const NODE_TYPE = Symbol("nodeType");

@InterfaceType({
  description: "An object with a global ID, refetchable with `node(id)` (the Relay Node interface).",
  resolveType: (value: { [NODE_TYPE]?: string }) => value[NODE_TYPE],
})
export abstract class Node {
  @Field(() => ID, { description: "The object's global ID: opaque, stable, and accepted by `node(id)`." })
  id: string;
}
