import { DateTimeResolver, JSONObjectResolver } from "graphql-scalars";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { connectionType } from "../relay/connection";

@ObjectType({ description: "One change made through the API: who made it, when, to which record, and the record before and after." })
export class AuditEntry {
  rowId: number;

  @Field(() => ID, { description: "The entry's ID." })
  id: string;

  @Field(() => DateTimeResolver, { description: "When the change was committed." })
  at: Date;

  @Field({ description: "The name of the API key that made it." })
  actor: string;

  @Field({ description: "create, update or archive." })
  action: string;

  @Field({ description: "The GraphQL type of the record: Chapter, MembershipSnapshot, Participation or Fact." })
  recordType: string;

  @Field(() => ID, { description: "The record's global ID (pass it to `node` to read the record as it is now)." })
  recordId: string;

  @Field(() => JSONObjectResolver, { nullable: true, description: "The record before the change, in the columns of its export (slugs, source URL), with its version; null for a creation." })
  before: Record<string, unknown> | null;

  @Field(() => JSONObjectResolver, { nullable: true, description: "The record after the change, in the same form." })
  after: Record<string, unknown> | null;
}

export const AuditEntryConnection = connectionType(AuditEntry, "AuditEntry", "A page of audit log entries, newest first.");
export type AuditEntryConnection = InstanceType<typeof AuditEntryConnection>;

@InputType({ description: "Conditions on audit log entries; all given must hold." })
export class AuditLogFilter {
  @Field(() => String, { nullable: true, description: "Only changes made with the key of this name." })
  actor?: string | null;

  @Field(() => String, { nullable: true, description: "Only changes of this action: create, update or archive." })
  action?: string | null;

  @Field(() => ID, { nullable: true, description: "Only changes of the record with this global ID." })
  recordId?: string | null;

  @Field(() => String, { nullable: true, description: "Only changes of records of this type: Chapter, MembershipSnapshot, Participation or Fact." })
  recordType?: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: "Only changes at or after this instant." })
  from?: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: "Only changes before this instant." })
  to?: Date | null;
}

@ObjectType({ description: "A caller's points budget, as every response's `extensions.rateLimit` also reports it. Query costs: see the README." })
export class RateLimit {
  @Field({ description: "Who the budget belongs to: anonymous (per IP address), or the role of the API key sent." })
  role: string;

  @Field(() => Number, { description: "Points per window." })
  limit: number;

  @Field(() => Number, { description: "Points this query cost." })
  cost: number;

  @Field(() => Number, { description: "Points left in the current window." })
  remaining: number;

  @Field(() => DateTimeResolver, { description: "When the window ends and the budget is whole again." })
  resetAt: Date;
}
