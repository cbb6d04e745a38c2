/**
 * The GraphQL schema, built from the decorated classes (type-graphql, code
 * first), and its SDL as committed in schema/schema.graphql.
 */
import "reflect-metadata";
import path from "node:path";
import { lexicographicSortSchema, printSchema, type GraphQLScalarType, type GraphQLSchema } from "graphql";
import { buildSchemaSync } from "type-graphql";
import { PROJECT_ROOT } from "../config";
import { readPlainFieldsDirectly } from "./plain-fields";
import { AwardRecipientResolver, AwardResolver } from "./resolvers/award.resolver";
import { ChapterResolver } from "./resolvers/chapter.resolver";
import { AuditResolver } from "./resolvers/audit.resolver";
import { EditResolver } from "./resolvers/edit.resolver";
import { ChapterMembershipResolver, MembershipSnapshotResolver } from "./resolvers/membership.resolver";
import { MetricsResolver } from "./resolvers/metrics.resolver";
import { NodeResolver } from "./resolvers/node.resolver";
import { OfficeResolver, OrganizationResolver } from "./resolvers/organization.resolver";
import { ParticipationResolver, ProgrammeResolver } from "./resolvers/programme.resolver";
import { RegionResolver } from "./resolvers/region.resolver";
import { ReleaseResolver } from "./resolvers/release.resolver";
import { SourceResolver, sourceFieldResolver } from "./resolvers/source.resolver";
import { AwardRecipient } from "./types/award.type";
import { Chapter } from "./types/chapter.type";
import { resolveGlobalIds } from "./types/node.type";
import { MembershipSnapshot } from "./types/membership.type";
import { Activity, CoreValue, Fact, Objective, Office, Organization, Principle } from "./types/organization.type";
import { Participation, Programme } from "./types/programme.type";

/** Where the committed SDL lives. */
export const SCHEMA_FILE = path.join(PROJECT_ROOT, "schema", "schema.graphql");

/** Every type whose rows carry a figure or quoted text, and so a `source`. */
const SOURCED_TYPES = [Chapter, MembershipSnapshot, Programme, Participation, AwardRecipient, Organization, Office, Principle, CoreValue, Objective, Activity, Fact];

/** Where each custom scalar's format is specified (graphql-scalars' Date and type-graphql's DateTime leave it out). */
const SCALAR_SPECIFICATIONS = {
  Date: "https://www.rfc-editor.org/rfc/rfc3339#section-5.6",
  DateTime: "https://www.rfc-editor.org/rfc/rfc3339#section-5.6",
};

let schema: GraphQLSchema | undefined;

/** The schema (built once per process: building it walks every decorator). */
export function getSchema(): GraphQLSchema {
  if (schema) return schema;
  readPlainFieldsDirectly();
  schema = buildSchemaSync({
    resolvers: [
      ChapterResolver, ChapterMembershipResolver, MembershipSnapshotResolver, RegionResolver, ProgrammeResolver, ParticipationResolver,
      AwardResolver, AwardRecipientResolver, OrganizationResolver, OfficeResolver, NodeResolver, MetricsResolver, SourceResolver, EditResolver, AuditResolver,
      ...SOURCED_TYPES.map(sourceFieldResolver),
      ReleaseResolver,
    ] as unknown as [Function, ...Function[]],
    validate: false,
  });
  resolveGlobalIds(schema);
  // type-graphql has no option for the root type's description; the schema is the documentation, so set it here.
  schema.getQueryType()!.description =
    "The Internet Society's organisational data: chapters and their membership over time, regions, programmes, awards, " +
    "principles, values, objectives, activities and dated facts. Every figure carries its source; generated figures say `synthetic: true`.";
  // Clients and code generators read a custom scalar's format from @specifiedBy; both are RFC 3339's.
  for (const [name, url] of Object.entries(SCALAR_SPECIFICATIONS)) (schema.getType(name) as GraphQLScalarType).specifiedByURL = url;
  schema.getMutationType()!.description =
    "Changes to the data, for editors (API keys with the editor role). Each is validated by the rules of the bulk import, names the version " +
    "it was made from (CONFLICT when stale), never deletes (records are archived or corrected) and is written to the audit log with it.";
  return schema;
}

/** The SDL of the schema, sorted so that the committed file changes only when the schema does. */
export function printSchemaSdl(): string {
  return `${printSchema(lexicographicSortSchema(getSchema()))}\n`;
}
