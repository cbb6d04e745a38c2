import { Field, Int, ObjectType } from "type-graphql";
import { Node } from "./node.type";
import { Timestamped } from "./timestamped.type";
import { DateScalar } from "./scalars";

@ObjectType({ implements: [Node, Timestamped], description: "One of the Internet Society's regions (Africa, Asia-Pacific, Europe, …)." })
export class Region extends Node {
  rowId: number;

  @Field({ description: "A stable, URL-friendly name (e.g. \"latin-america-caribbean\")." })
  slug: string;

  @Field({ description: "The region's name." })
  name: string;
}

@ObjectType({ description: "Membership added up over a set of chapters at one date. Each chapter counts with its latest snapshot on or before that date." })
export class MemberTotals {
  @Field(() => DateScalar, { description: "The date the totals are for." })
  at: string;

  @Field(() => Int, { description: "Individual members, summed." })
  individualMembers: number;

  @Field(() => Int, { description: "Organization members, summed." })
  organizationMembers: number;

  @Field(() => Int, { description: "How many chapters had a snapshot on or before the date and so went into the sums." })
  chapterCount: number;

  @Field({ description: "True when any figure that went into the sums comes from a synthetic (generated, not real) source." })
  synthetic: boolean;
}

@ObjectType({ implements: [Node, Timestamped], description: "A country or territory (ISO 3166-1)." })
export class Country extends Node {
  @Field({ description: "The ISO 3166-1 alpha-2 code (e.g. \"BJ\")." })
  code: string;

  @Field({ description: "The ISO 3166-1 English short name." })
  name: string;
}
