import { isObjectType, type GraphQLSchema } from "graphql";
import { Field, ID, InterfaceType } from "type-graphql";
import { toGlobalId } from "../relay/global-id";

/** The property a row carries to tell `node(id)` which GraphQL type it is. */
export const NODE_TYPE = Symbol("nodeType");

@InterfaceType({
  description: "An object with a global ID, refetchable with `node(id)` (the Relay Node interface).",
  resolveType: (value: { [NODE_TYPE]?: string }) => value[NODE_TYPE],
})
export abstract class Node {
  /** Never on a row: `resolveGlobalIds` makes it from the type and the row's key when it is asked for. */
  @Field(() => ID, { description: "The object's global ID: opaque, stable, and accepted by `node(id)`." })
  id?: string;
}

/** The database key a type's global IDs are made of: the ISO code for countries, the row id for every other type. */
const KEY_OF: Record<string, (row: { code: string }) => string> = { Country: (row) => row.code };
const rowIdOfRow = (row: { rowId: number }) => row.rowId;

/**
 * Makes global IDs where they are asked for: the `id` field of every type
 * implementing Node resolves to its type name and the row's key. Rows come
 * from the repositories without one (global IDs are an API concept), and a
 * plain resolver per type costs what graphql-js's default resolver does.
 */
export function resolveGlobalIds(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !type.getInterfaces().some((face) => face.name === "Node")) continue;
    const keyOf = (KEY_OF[type.name] ?? rowIdOfRow) as (row: unknown) => string | number;
    const name = type.name;
    type.getFields().id.resolve = (row: unknown) => toGlobalId(name, keyOf(row));
  }
}
