/**
 * The range a `history(from, to, since)` field reads, in the terms of its
 * loader and repository: the one conversion of the field's arguments, shared
 * by its resolver and by the read planner that fetches it in a chapter's own
 * statement, so that what the planner fetched is found under the name the
 * resolver looks for.
 */
import type { SnapshotRange } from "../repositories/membership.repository";
import { toIsoDate } from "../seed/dates";

/** The arguments of `history`, as coerced by the schema (dates at midnight UTC; `since` an instant). */
export interface HistoryArguments {
  from?: Date | null;
  to?: Date | null;
  since?: Date | null;
}

/** The range of `args`; null when `from` is after `to`, which the resolver refuses. */
export function historyRange({ from = null, to = null, since = null }: HistoryArguments): SnapshotRange | null {
  if (from && to && from > to) return null;
  return { from: from && toIsoDate(from), to: to && toIsoDate(to), since: since && since.toISOString() };
}

/** The name under which a planned read records the snapshots of `range` for the resolver of that range (src/planning/planned-rows.ts). */
export function historyField(range: SnapshotRange): string {
  return `history:${JSON.stringify([range.from, range.to, range.since])}`;
}
