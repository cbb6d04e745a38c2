import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Node } from "./node.type";
import { Timestamped } from "./timestamped.type";
import { Versioned } from "./versioned.type";
import { DatePrecision } from "./programme.type";
import { ObjectiveKind } from "../../model/enums";

export { ObjectiveKind };
import { DateScalar } from "./scalars";
import { listOf } from "../cost";

@ObjectType({ implements: Timestamped, description: "The Internet Society, in the words of its own description (see `source`)." })
export class Organization {
  sourceId: number;

  @Field({ description: "The organisation's name." })
  name: string;

  @Field({ description: "Its vision." })
  vision: string;

  @Field({ description: "Its mission." })
  mission: string;

  @Field(() => [String], { complexity: listOf(10), description: "The introductory paragraphs of its description, in order." })
  about: string[];

  @Field(() => [String], { complexity: listOf(10), description: "What it works to ensure the Internet and the web built on it do." })
  platformGoals: string[];

  @Field({ description: "Its summary of what it does." })
  whatWeDo: string;
}

@ObjectType({ implements: [Node, Timestamped], description: "A city where the Internet Society has staff, as its own description names it." })
export class Office extends Node {
  rowId: number;
  countryCode: string;
  sourceId: number;

  @Field({ description: "The city." })
  city: string;

  @Field({ description: "The sentence of the source that names it." })
  quote: string;
}

@ObjectType({ implements: [Node, Timestamped], description: "One of the six principles that guide the Internet Society's work, in its own words." })
export class Principle extends Node {
  rowId: number;
  sourceId: number;

  @Field(() => Int, { description: "Its place in the source's order, from 1." })
  position: number;

  @Field({ description: "Its title (e.g. \"The Ability to Connect\")." })
  title: string;

  @Field({ description: "The principle, verbatim." })
  statement: string;
}

@ObjectType({ implements: [Node, Timestamped], description: "One of the Internet Society's core values, in its own words." })
export class CoreValue extends Node {
  rowId: number;
  sourceId: number;

  @Field(() => Int, { description: "Its place in the source's order, from 1." })
  position: number;

  @Field({ description: "The value, verbatim." })
  statement: string;
}

registerEnumType(ObjectiveKind, {
  name: "ObjectiveKind",
  description: "Strategic (outwardly oriented) or operational (internally focused).",
  valuesConfig: {
    STRATEGIC: { description: "An outwardly oriented strategic objective." },
    OPERATIONAL: { description: "An internally focused operational objective." },
  },
});

@ObjectType({ implements: [Node, Timestamped], description: "A strategic or operational objective, in the source's words." })
export class Objective extends Node {
  rowId: number;
  sourceId: number;

  @Field(() => ObjectiveKind, { description: "Strategic or operational." })
  kind: ObjectiveKind;

  @Field(() => Int, { description: "Its number within its kind, from 1, as in the source." })
  ordinal: number;

  @Field({ description: "The objective, verbatim." })
  text: string;
}

@ObjectType({ implements: [Node, Timestamped], description: "One thing the Internet Society does: an activity listed under its mission, or a \"What We Do\" item." })
export class Activity extends Node {
  rowId: number;
  sourceId: number;

  @Field({ description: "The slug of its group (\"mission\", \"our-work\", \"education-leadership\", \"grants-awards\")." })
  group: string;

  @Field({ description: "The group's heading in the source." })
  groupTitle: string;

  @Field(() => Int, { description: "Its place within the group, from 1." })
  ordinal: number;

  @Field({ description: "The activity, verbatim." })
  text: string;
}

@ObjectType({ implements: [Node, Timestamped, Versioned], description: "A dated figure about the Internet Society or one of its parts, with its source. Value and date keep the source's wording; the parsed fields hold only what can be read from them without guessing." })
export class Fact extends Node {
  rowId: number;
  sourceId: number;

  @Field({ description: "What the figure is about (usually \"Internet Society\"; else a chapter or an award)." })
  subject: string;

  @Field({ description: "What is counted or stated (e.g. \"chapters\", \"individual members\")." })
  figure: string;

  @Field({ description: "The value as the source gives it (e.g. \"80,000+\", \"113 (in 97 countries)\")." })
  value: string;

  @Field(() => Number, { nullable: true, description: "The value as a number, only when the source gives a plain number (\"18,632\"); null for ranges, qualifiers and words." })
  numericValue: number | null;

  @Field({ description: "The date the source gives for the figure, in its words (e.g. \"2018-02\", \"undated (wiki mirror)\")." })
  asOf: string;

  @Field(() => DateScalar, { nullable: true, description: "The first day of the period `asOf` names; null when the source gives no date." })
  asOfDate: string | null;

  @Field(() => DatePrecision, { nullable: true, description: "How much of `asOfDate` the source gives; null when undated." })
  asOfPrecision: DatePrecision | null;

  @Field({ description: "True for the headline figures the Internet Society states in its own description." })
  headline: boolean;
}
