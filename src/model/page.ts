/**
 * One page of a keyset-paginated list, in the terms repositories read it in:
 * which way, how many, and the decoded cursor bounds; and the counts a page
 * query returns beside its rows. The GraphQL layer makes requests from
 * connection arguments and cursors (src/graphql/relay/) and pageInfo from counts.
 */

/** One keyset value of a cursor: a sort value or a row id. */
export type CursorValue = string | number;

/** A validated page request: which way to read, how many, and the decoded cursor bounds. */
export interface PageRequest {
  /** The ordering the cursors belong to. */
  ordering: string;
  /** The fingerprint of the filter the cursors belong to. */
  fingerprint: string;
  /** True for first/after (read in the sort order), false for last/before (read backwards). */
  forward: boolean;
  limit: number;
  after: CursorValue[] | null;
  before: CursorValue[] | null;
}

/** Counts that a page query returns next to its rows, for pageInfo. */
export interface PageCounts {
  /** Items in the whole (filtered) connection. */
  total: number;
  /** Items after the `after` cursor (equal to total without one). */
  afterCount: number;
  /** Items before the `before` cursor (equal to total without one). */
  beforeCount: number;
}
