import { Arg, Args, Ctx, Extensions, Query, Resolver } from "type-graphql";
import { requireRole } from "../../auth/caller";
import { EDITABLE, type EditableKind } from "../../editing/editable";
import { auditRepository, type AuditConditions, type AuditRow } from "../../repositories/audit.repository";
import type { Context } from "../context";
import { badUserInput } from "../errors";
import { buildConnection, ConnectionArgs, parsePageRequest } from "../relay/connection";
import { fromGlobalId, rowIdOf, toGlobalId } from "../relay/global-id";
import { AuditEntry, AuditEntryConnection, AuditLogFilter, AuditRecordType, RateLimit } from "../types/audit.type";

/** The editable kind of each record type name (AuditRecordType's own entries, as a Map: a name sent by a client is no key of Object.prototype). */
const KIND_OF_TYPE = new Map(Object.entries(AuditRecordType));

function conditionsOf(filter: AuditLogFilter | null): AuditConditions {
  if (!filter) return {};
  const conditions: AuditConditions = {};
  if (filter.actor != null) conditions.actor = filter.actor;
  if (filter.action != null) conditions.action = filter.action;
  if (filter.recordType != null) conditions.entityType = filter.recordType;
  if (filter.recordId != null) {
    const { type, key } = fromGlobalId(filter.recordId, "filter");
    const entityType = KIND_OF_TYPE.get(type);
    if (!entityType) throw badUserInput(`Only ${[...KIND_OF_TYPE.keys()].join(", ")} records are edited; filter.recordId names a ${type.slice(0, 50)}.`, "filter");
    if (conditions.entityType && conditions.entityType !== entityType) throw badUserInput("filter.recordId names a record of another type than filter.recordType.", "filter");
    conditions.entityType = entityType;
    conditions.entityId = rowIdOf(key) ?? -1;
  }
  if (filter.from != null) conditions.from = filter.from.toISOString();
  if (filter.to != null) conditions.to = filter.to.toISOString();
  return conditions;
}

function toEntry(row: AuditRow): AuditEntry {
  const recordType = row.entityType as EditableKind;
  return Object.assign(new AuditEntry(), {
    ...row,
    id: toGlobalId("AuditEntry", row.rowId),
    recordType,
    recordId: toGlobalId(EDITABLE[recordType].typeName, row.entityId),
  });
}

@Resolver()
export class AuditResolver {
  @Query(() => AuditEntryConnection, { description: "Every change made through the API, newest first. Admins only (API keys with the admin role)." })
  // An admin's view of who changed what: never kept by a shared cache.
  @Extensions({ cacheControl: { maxAge: 0, scope: "PRIVATE" } })
  async auditLog(
    @Args() page: ConnectionArgs,
    @Arg("filter", () => AuditLogFilter, { nullable: true, description: "Which changes." }) filter: AuditLogFilter | null,
    @Ctx() { caller, sql }: Context,
  ): Promise<AuditEntryConnection> {
    requireRole(caller, "admin", "Reading the audit log");
    const conditions = conditionsOf(filter);
    const request = parsePageRequest(page, "id:DESC", ["int4"], conditions);
    const { rows, counts } = await auditRepository.page(sql, conditions, request);
    return buildConnection(rows.map(toEntry), request, counts, (entry) => [entry.rowId]);
  }

  @Query(() => RateLimit, {
    description: "The caller's points budget: its limit, what this query cost, what is left and when it is whole again. Free: asking costs nothing.",
    complexity: () => 0,
  })
  @Extensions({ cacheControl: { maxAge: 0, scope: "PRIVATE" } })
  async rateLimit(@Ctx() { caller, budget }: Context): Promise<RateLimit> {
    // The budget plugin charged this operation before it ran; its figures are this query's.
    const state = budget!;
    return { role: caller.role, limit: state.limit, cost: state.cost, remaining: state.remaining, resetAt: state.resetAt };
  }
}
