import { Field, Int, ObjectType } from "type-graphql";
import { Node } from "./node.type";
import { Timestamped } from "./timestamped.type";
import { Versioned } from "./versioned.type";
import { DateScalar } from "./scalars";

@ObjectType({ implements: [Node, Timestamped, Versioned], description: "A chapter's membership on one date." })
export class MembershipSnapshot extends Node {
  rowId: number;
  chapterId: number;
  sourceId: number;

  @Field(() => DateScalar, { description: "The date of the counts." })
  date: string;

  @Field(() => Int, { description: "Individual members on that date." })
  individualMembers: number;

  @Field(() => Int, { description: "Organization members on that date." })
  organizationMembers: number;

  @Field({ description: "True when these counts were generated for demonstration and are not real (see `source`)." })
  synthetic: boolean;
}

/** `Chapter.membership`: the chapter whose snapshots the fields below load. */
@ObjectType({ description: "A chapter's membership counts over time." })
export class ChapterMembership {
  chapterId: number;
}
