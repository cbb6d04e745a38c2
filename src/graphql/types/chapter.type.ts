import { Field, InputType, ObjectType, registerEnumType } from "type-graphql";
import { connectionType } from "../relay/connection";
import { Node } from "./node.type";
import { Timestamped } from "./timestamped.type";
import { ARCHIVED_AT, Versioned } from "./versioned.type";
import { DateScalar, URLScalar } from "./scalars";
import { ChapterKind, ChapterOrderField, ChapterStatus, OrderDirection } from "../../model/enums";

export { ChapterKind, ChapterOrderField, ChapterStatus, OrderDirection };

registerEnumType(ChapterKind, {
  name: "ChapterKind",
  description: "Whether a community is a chapter or a special interest group.",
  valuesConfig: {
    CHAPTER: { description: "A chapter: a local community, usually of one country or city." },
    SIG: { description: "A special interest group or Standing Group: a global community around a topic." },
  },
});

registerEnumType(ChapterStatus, {
  name: "ChapterStatus",
  description: "A community's standing, as far as public sources show.",
  valuesConfig: {
    ACTIVE: { description: "No closure was found in public sources (not proof of current activity)." },
    IN_FORMATION: { description: "Forming; not yet chartered." },
    INACTIVE: { description: "A source says it closed, dissociated or was de-chartered." },
  },
});

registerEnumType(ChapterOrderField, {
  name: "ChapterOrderField",
  description: "What chapters can be ordered by.",
  valuesConfig: { NAME: { description: "By name." }, SLUG: { description: "By slug." } },
});

registerEnumType(OrderDirection, {
  name: "OrderDirection",
  description: "Ascending or descending order.",
  valuesConfig: { ASC: { description: "Smallest first (A to Z)." }, DESC: { description: "Largest first (Z to A)." } },
});

@InputType({ description: "An ordering of chapters. Ties are broken by creation order, so pages never overlap." })
export class ChapterOrder {
  @Field(() => ChapterOrderField, { description: "The field to order by." })
  field: ChapterOrderField;

  @Field(() => OrderDirection, { description: "The direction to order in." })
  direction: OrderDirection;
}

@InputType({ description: "Conditions on chapters; all given conditions must hold." })
export class ChapterFilter {
  @Field(() => String, { nullable: true, description: "Only chapters of the region with this slug (see `regions`). A slug no region has, or a region's name instead of its slug, is refused (BAD_USER_INPUT) with the slugs to use." })
  region?: string | null;

  @Field(() => String, { nullable: true, description: "Only chapters of the country with this ISO 3166-1 alpha-2 code, in either case (e.g. \"BJ\"). A code no country has is refused (see `countries`)." })
  country?: string | null;

  @Field(() => ChapterKind, { nullable: true, description: "Only chapters, or only special interest groups." })
  kind?: ChapterKind | null;

  @Field(() => ChapterStatus, { nullable: true, description: "Only chapters with this status." })
  status?: ChapterStatus | null;

  @Field(() => String, { nullable: true, description: "Only chapters whose name contains this text (case-insensitive; 1 to 100 characters)." })
  search?: string | null;
}

@ObjectType({ implements: [Node, Timestamped, Versioned], description: "An Internet Society chapter or special interest group, as public sources show it." })
export class Chapter extends Node {
  rowId: number;
  countryCode: string | null;
  regionId: number | null;
  sourceId: number;

  @Field({ description: "A stable, URL-friendly name (e.g. \"benin\", \"us-new-york\")." })
  slug: string;

  @Field({ description: "The name in the Internet Society's usual form (e.g. \"Benin Chapter\")." })
  name: string;

  @Field(() => ChapterKind, { description: "Chapter or special interest group." })
  kind: ChapterKind;

  @Field(() => ChapterStatus, { description: "Active, in formation, or inactive." })
  status: ChapterStatus;

  @Field(() => DateScalar, { nullable: true, description: "When it was founded; null where no public source gives the date." })
  foundedOn: string | null;

  @Field(() => URLScalar, { nullable: true, description: "Its own website (an absolute http or https URL); null where none is recorded." })
  website: string | null;

  @Field(() => String, { nullable: true, description: "What the cited source says about it (a paraphrase, not a quotation)." })
  evidenceNote: string | null;

  @Field(ARCHIVED_AT.type, ARCHIVED_AT.options)
  archivedAt: Date | null;
}

export const ChapterConnection = connectionType(Chapter, "Chapter", "A page of chapters, with the total count and paging information.");
export type ChapterConnection = InstanceType<typeof ChapterConnection>;
