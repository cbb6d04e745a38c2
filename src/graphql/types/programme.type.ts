import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Node } from "./node.type";
import { Timestamped } from "./timestamped.type";
import { ARCHIVED_AT, Versioned } from "./versioned.type";
import { DateScalar } from "./scalars";
import { DatePrecision } from "../../model/enums";

export { DatePrecision };

registerEnumType(DatePrecision, {
  name: "DatePrecision",
  description: "How much of a date its source gives. The date is the first day of that period.",
  valuesConfig: {
    DAY: { description: "The source gives the day." },
    MONTH: { description: "The source gives the month only; the date is its first day." },
    YEAR: { description: "The source gives the year only; the date is 1 January." },
  },
});

@ObjectType({ implements: [Node, Timestamped], description: "An Internet Society programme that chapters take part in." })
export class Programme extends Node {
  rowId: number;
  sourceId: number;

  @Field({ description: "A stable, URL-friendly name (e.g. \"chapterthon\")." })
  slug: string;

  @Field({ description: "The programme's name." })
  name: string;

  @Field({ description: "The area of work it belongs to, as the Internet Society's \"What We Do\" groups it (e.g. \"Grants & Awards\")." })
  area: string;

  @Field({ description: "What the programme is, from its source." })
  description: string;
}

@ObjectType({ implements: [Node, Timestamped, Versioned], description: "A chapter's taking part in a programme, as a source shows." })
export class Participation extends Node {
  rowId: number;
  chapterId: number;
  programmeId: number;
  sourceId: number;

  @Field(() => DateScalar, { description: "Since when, to the precision the source gives (see sincePrecision)." })
  since: string;

  @Field(() => DatePrecision, { description: "How much of `since` the source gives." })
  sincePrecision: DatePrecision;

  @Field(() => String, { nullable: true, description: "What the cited source says (a paraphrase)." })
  evidenceNote: string | null;

  @Field(ARCHIVED_AT.type, ARCHIVED_AT.options)
  archivedAt: Date | null;
}
