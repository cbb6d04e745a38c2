import { DateTimeResolver, JSONObjectResolver } from "graphql-scalars";
import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { ROLES, type Role } from "../../auth/caller";
import { EDITABLE, EDITABLE_KINDS, type EditableKind } from "../../editing/editable";
import { AuditAction } from "../../model/enums";
import { connectionType } from "../relay/connection";

export { AuditAction };

registerEnumType(AuditAction, {
  name: "AuditAction",
  description: "What a change did to a record.",
  valuesConfig: {
    CREATE: { description: "Created it." },
    UPDATE: { description: "Changed it (an update of an archived record also restores it)." },
    ARCHIVE: { description: "Archived it (chapters and participations; records are never deleted)." },
  },
});

/**
 * The record types edits change, named as their GraphQL types (the values are
 * the type names, so `recordType` can be compared with a record's
 * `__typename`); internally the editable kind ("membership_snapshot").
 */
export const AuditRecordType: Record<string, EditableKind> = Object.fromEntries(EDITABLE_KINDS.map((kind) => [EDITABLE[kind].typeName, kind]));

registerEnumType(AuditRecordType, {
  name: "AuditRecordType",
  description: "The types of records edits change; each value is the name of the GraphQL type (as a record's `__typename` gives it).",
  valuesConfig: Object.fromEntries(EDITABLE_KINDS.map((kind) => [EDITABLE[kind].typeName, { description: `A ${EDITABLE[kind].typeName} (${EDITABLE[kind].noun}).` }])),
});

/** The caller's roles as a GraphQL enum (ANONYMOUS, READER, …), made from the one list of roles (src/auth/caller.ts). */
export const CallerRole: Record<string, Role> = Object.fromEntries(ROLES.map((role) => [role.toUpperCase(), role]));

registerEnumType(CallerRole, {
  name: "CallerRole",
  description: "Who a caller is: anonymous, or the role of the API key sent. Each role can do what the ones before it can (see the README).",
  valuesConfig: {
    ANONYMOUS: { description: "No key: reads with the public budget, kept per IP address." },
    READER: { description: "A reader key: reads, with a larger budget." },
    EDITOR: { description: "An editor key: also edits (mutations) and sees archived records." },
    ADMIN: { description: "An admin key: also reads the audit log." },
  },
});

@ObjectType({ description: "One change made through the API: who made it, when, to which record, and the record before and after." })
export class AuditEntry {
  rowId: number;

  @Field(() => ID, { description: "The entry's ID." })
  id: string;

  @Field(() => DateTimeResolver, { description: "When the change was committed." })
  at: Date;

  @Field({ description: "The name of the API key that made it." })
  actor: string;

  @Field(() => AuditAction, { description: "What the change did." })
  action: AuditAction;

  @Field(() => AuditRecordType, { description: "The GraphQL type of the record (its `__typename`)." })
  recordType: EditableKind;

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

  @Field(() => AuditAction, { nullable: true, description: "Only changes of this action." })
  action?: AuditAction | null;

  @Field(() => ID, { nullable: true, description: "Only changes of the record with this global ID." })
  recordId?: string | null;

  @Field(() => AuditRecordType, { nullable: true, description: "Only changes of records of this type." })
  recordType?: EditableKind | null;

  @Field(() => DateTimeResolver, { nullable: true, description: "Only changes at or after this instant." })
  from?: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: "Only changes before this instant." })
  to?: Date | null;
}

@ObjectType({ description: "A caller's points budget, as every response's `extensions.rateLimit` also reports it. Query costs: see the README." })
export class RateLimit {
  @Field(() => CallerRole, { description: "Who the budget belongs to: ANONYMOUS (per IP address), or the role of the API key sent (`extensions.rateLimit.role` gives the same in lower case)." })
  role: Role;

  @Field(() => Number, { description: "Points per window." })
  limit: number;

  @Field(() => Number, { description: "Points this query cost." })
  cost: number;

  @Field(() => Number, { description: "Points left in the current window." })
  remaining: number;

  @Field(() => DateTimeResolver, { description: "When the window ends and the budget is whole again." })
  resetAt: Date;
}
