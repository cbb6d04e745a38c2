import { Field, Int, ObjectType } from "type-graphql";
import { Node } from "./node.type";
import { Timestamped } from "./timestamped.type";

@ObjectType({ implements: [Node, Timestamped], description: "An award the Internet Society gives." })
export class Award extends Node {
  rowId: number;

  @Field({ description: "A stable, URL-friendly name (e.g. \"jonathan-b-postel-service-award\")." })
  slug: string;

  @Field({ description: "The award's name." })
  name: string;
}

@ObjectType({ implements: [Node, Timestamped], description: "Who received an award in a year. Where a year had two recipients, they share one entry, as the source lists them." })
export class AwardRecipient extends Node {
  rowId: number;
  awardId: number;
  sourceId: number;

  @Field(() => Int, { description: "The year of the award." })
  year: number;

  @Field({ description: "The recipient(s), as the source names them." })
  recipient: string;
}
