/**
 * What a planned read fetched below the rows it returned, kept with each row:
 * for each relation field it planned, the value that field answers.
 *
 * Why beside the row and not in the request's loaders: a planned row holds
 * only the properties its selection reads (src/planning/row-properties.ts),
 * so it may serve only the fields it was planned for. Primed into a loader, it
 * would be handed to any field of the request that loads the same key, and
 * that field may read what the plan left out. So a relation's resolver first
 * asks what its parent's read planned (`plannedOr`), and loads only what was
 * not planned: "resolve through a DataLoader unless the parent already
 * fetched it by a planned read".
 *
 * A WeakMap keyed by the row object: planned rows are objects made for one
 * request (parsed from its statement's JSON), so an entry can neither leak to
 * another request nor outlive its row.
 */
import type { Loaded } from "../graphql/loaders";

const plannedBelow = new WeakMap<object, Readonly<Record<string, unknown>>>();

/** Records what a planned read fetched for the fields of `row` (by field name); a row's first record stays. */
export function attachPlanned(row: object, fields: Readonly<Record<string, unknown>>): void {
  if (!plannedBelow.has(row)) plannedBelow.set(row, fields);
}

/**
 * What field `field` of `row` answers: the value its planned read fetched
 * (null included: a planned "none"), else what `load` answers.
 */
export function plannedOr<V>(row: object, field: string, load: () => Loaded<V>): Loaded<V> {
  const fields = plannedBelow.get(row);
  return fields !== undefined && field in fields ? (fields[field] as V) : load();
}
