/**
 * Who sees archived records: the one visibility rule every read applies.
 *
 * Archiving hides a record from everyone without the editor role, at every
 * path: a chapter's own lookups and lists, and everything that hangs off it
 * (its snapshots, its participations), however it is reached (a relation, a
 * node ID, a list). The rule is decided once per request from the caller
 * (src/auth/caller.ts `visibilityOf`) and passed to every loader and planned
 * read, which put `visibleSql` into their SQL. Every repository function that
 * reads chapters, snapshots or participations takes a Visibility, so no caller
 * can leave it out; the test that walks every query path of the schema
 * (test/graphql/visibility.test.ts) finds a read that forgets to apply it.
 * Aggregates count current records for everyone (`chapterConditionSql`'s default).
 */
export type Visibility = "public" | "editor";

/**
 * The SQL condition under which rows of archivable tables are visible: for
 * the public, each of the rows aliased `aliases` is current (not archived);
 * editors see every row. Pass the alias of every archivable row a record
 * depends on (a participation: its own and its chapter's).
 */
export function visibleSql(visibility: Visibility, ...aliases: string[]): string {
  if (visibility === "editor" || aliases.length === 0) return "true";
  return aliases.map((alias) => `${alias}.archived_at IS NULL`).join(" AND ");
}
