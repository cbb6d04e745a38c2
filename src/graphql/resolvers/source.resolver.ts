import { Ctx, FieldResolver, Resolver, Root, type ClassType } from "type-graphql";
import type { Context } from "../context";
import { Source, type Sourced } from "../types/source.type";

/**
 * The `source` field of a type that carries figures or quoted text: one
 * resolver class per such type, all batched through the same Source loader.
 */
export function sourceFieldResolver(type: ClassType<Sourced>) {
  @Resolver(() => type)
  class SourceFieldResolver {
    @FieldResolver(() => Source, { description: "Where this comes from. Check `source.synthetic`: true means generated for demonstration, not real." })
    source(@Root() row: Sourced, @Ctx() { loaders }: Context): Promise<Source | null> {
      return loaders.source.load(row.sourceId);
    }
  }
  return SourceFieldResolver;
}
