import { DateTimeResolver } from "graphql-scalars";
import { Field, InterfaceType } from "type-graphql";

/**
 * Every object stored in a table of this API carries the time its row last
 * changed (each table's `updated_at`), so that a researcher can keep a copy in
 * sync by asking only for what changed since their last pull (`since`).
 * An interface rather than a field repeated on each type: the types that
 * implement it are exactly the table-backed ones, and the schema says so.
 */
@InterfaceType({ description: "An object stored by this API, with the time it last changed (what `since` arguments compare to, for incremental sync)." })
export abstract class Timestamped {
  @Field(() => DateTimeResolver, { description: "When this record last changed, in UTC, to the millisecond." })
  updatedAt: Date;
}

/**
 * What every `since` argument means. Strictly after, compared to the
 * microsecond in the database while `updatedAt` shows milliseconds: the
 * records of the very millisecond passed may come again, so a client that
 * passes the largest `updatedAt` it holds never misses a change by rounding.
 */
export const SINCE_DESCRIPTION =
  "Only records changed after this instant (`updatedAt` later than it). For incremental sync, pass the largest `updatedAt` you hold: " +
  "records changed within that same millisecond may come again, none is missed.";
