import { DateTimeResolver } from "graphql-scalars";
import { Field, Int, InterfaceType } from "type-graphql";

/**
 * Records editors change carry a version: an edit names the version it was
 * made from, and is refused with CONFLICT when someone changed the record
 * since, instead of overwriting their change.
 */
@InterfaceType({ description: "A record editors can change: its version, which every change increases and every edit must name (optimistic concurrency)." })
export abstract class Versioned {
  @Field(() => Int, { description: "The record's version: 1 when created, one more on every change. Pass it as `version` to an edit; an edit naming an older version is refused with CONFLICT." })
  version: number;
}

/** The field of records that are archived rather than deleted. */
export const ARCHIVED_AT = {
  type: () => DateTimeResolver,
  options: {
    nullable: true,
    description: "When an editor archived this record; null while it is current. Archived records (and what belongs to them) are visible only to editors, who also get them in incremental sync with `since`.",
  },
};
