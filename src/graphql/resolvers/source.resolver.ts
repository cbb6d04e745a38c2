import { Ctx, FieldResolver, Int, Query, Resolver, Root, type ClassType } from "type-graphql";
import { sourceRepository } from "../../repositories/source.repository";
import type { Context } from "../context";
import type { Loaded } from "../loaders";
import type { SourcedRow } from "../../model/rows";
import { Source } from "../types/source.type";
import { listOf } from "../cost";
import { plannedOr } from "../../planning/planned-rows";

/**
 * The `source` field of a type that carries figures or quoted text: one
 * resolver class per such type, all batched through the same Source loader.
 */
export function sourceFieldResolver(type: ClassType<SourcedRow>) {
  @Resolver(() => type)
  class SourceFieldResolver {
    @FieldResolver(() => Source, { description: "Where this comes from. Check `source.synthetic`: true means generated for demonstration, not real." })
    source(@Root() row: SourcedRow, @Ctx() { loaders }: Context): Loaded<Source | null> {
      return plannedOr(row, "source", () => loaders.source.load(row.sourceId));
    }
  }
  return SourceFieldResolver;
}

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => [Source], { complexity: listOf(500), description: "Every source this API cites, by URL, with its licence (SPDX identifier and note), retrieval date, synthetic flag and how many records cite it." })
  sources(@Ctx() { sql }: Context): Promise<Source[]> {
    return sourceRepository.all(sql);
  }

  /** The one value the field gave before the identifier and the note were split (the migration's `down` gives it back too). */
  @FieldResolver(() => String, {
    description: "The SPDX identifier of the licence where there is one, otherwise its note.",
    deprecationReason: "Use `licenceId` (the SPDX identifier, null where none applies) and `licenceNote` (the terms in words).",
  })
  licence(@Root() source: Source): string {
    // One of the two is always there (the check source_licence_check).
    return (source.licenceId ?? source.licenceNote) as string;
  }

  /** The `sources` list counts in its own statement; a source reached from a record counts through a batch. */
  @FieldResolver(() => Int, { description: "How many records (of every kind: chapters, snapshots, facts, …) cite this source." })
  citationCount(@Root() source: Source, @Ctx() { loaders }: Context): number | Promise<number> {
    return source.citationCount ?? loaders.citationCount.load(source.rowId);
  }
}
