/**
 * Relay cursor connections: the argument set (first/after, last/before), its
 * validation, the GraphQL types of a connection, and assembling one from a
 * page of rows. The SQL that fetches a page lives with each repository.
 */
import { ArgsType, Field, Int, ObjectType, type ClassType } from "type-graphql";
import { badUserInput } from "../errors";
import type { PageCounts, PageRequest } from "../../model/page";
import { decodeCursor, encodeCursor, filterFingerprint, type CursorColumn, type CursorValue } from "./cursor";

export type { PageCounts, PageRequest };

/** The most edges one page may hold. */
export const MAX_PAGE_SIZE = 100;
/** The page size when neither `first` nor `last` is given. */
export const DEFAULT_PAGE_SIZE = 20;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Returns the first n edges (0 to ${MAX_PAGE_SIZE}). Defaults to ${DEFAULT_PAGE_SIZE} when neither first nor last is given.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Returns the edges after this cursor (an edge's `cursor`, or `pageInfo.endCursor`), given with the same filter, ordering and `since` as the query that returned it; under others it is refused." })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Returns the last n edges (0 to ${MAX_PAGE_SIZE}).` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: "Returns the edges before this cursor (an edge's `cursor`, or `pageInfo.startCursor`), given with the same filter, ordering and `since` as the query that returned it; under others it is refused." })
  before?: string | null;
}


function checkSize(value: number, name: string): void {
  if (value < 0 || value > MAX_PAGE_SIZE) {
    throw badUserInput(`\`${name}\` must be between 0 and ${MAX_PAGE_SIZE}; got ${value}. Page through larger sets with \`after\`/\`before\`.`, name);
  }
}

/**
 * Validates connection arguments. `ordering` names the ordering in force and
 * `filter` everything else that selects the rows (the validated filter, `since`,
 * the parent): cursors made under another ordering or filter are refused.
 * `cursorColumns` are the column types of the ordering's keyset values.
 */
export function parsePageRequest(args: ConnectionArgs, ordering: string, cursorColumns: CursorColumn[], filter: object): PageRequest {
  const { first, last } = args;
  if (first != null && last != null) throw badUserInput("Pass either `first` or `last`, not both.", "last");
  if (first != null) checkSize(first, "first");
  if (last != null) checkSize(last, "last");
  const fingerprint = filterFingerprint(filter);
  return {
    ordering,
    fingerprint,
    forward: last == null,
    limit: first ?? last ?? DEFAULT_PAGE_SIZE,
    after: args.after != null ? decodeCursor(args.after, "after", ordering, fingerprint, cursorColumns) : null,
    before: args.before != null ? decodeCursor(args.before, "before", ordering, fingerprint, cursorColumns) : null,
  };
}

@ObjectType({ description: "Where a page sits in its connection (the Relay PageInfo)." })
export class PageInfo {
  @Field({ description: "Whether more edges follow this page." })
  hasNextPage: boolean;

  @Field({ description: "Whether edges precede this page." })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: "The cursor of the first edge of the page; null on an empty page." })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: "The cursor of the last edge of the page; null on an empty page." })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionResult<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * The GraphQL types `<Name>Connection` and `<Name>Edge` for items of `itemType`.
 * Named explicitly so the schema reads `ChapterConnection`, as GitHub's does.
 */
export function connectionType<T extends object>(itemType: ClassType<T>, name: string, description: string) {
  @ObjectType(`${name}Edge`, { description: `An edge of a ${name}Connection: one ${name} and its cursor.` })
  class EdgeType {
    @Field({ description: "An opaque cursor for this edge, for `after` or `before`." })
    cursor: string;

    @Field(() => itemType, { description: `The ${name} at the end of the edge.` })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description })
  class ConnectionType {
    @Field(() => [EdgeType], { description: "The edges of this page, in order." })
    edges: EdgeType[];

    @Field(() => [itemType], { description: "The nodes of this page, in order (the same as edges' nodes, without cursors)." })
    nodes: T[];

    @Field(() => PageInfo, { description: "Where this page sits in the connection." })
    pageInfo: PageInfo;

    @Field(() => Int, { description: "The number of items in the whole connection (all pages), with its filters applied." })
    totalCount: number;
  }
  return ConnectionType;
}


/**
 * Assembles a connection from rows fetched with `limit + 1` (in reading order:
 * backwards for last/before), so that one extra row tells whether more follow.
 */
export function buildConnection<T>(rows: T[], page: PageRequest, counts: PageCounts, cursorOf: (row: T) => CursorValue[]): ConnectionResult<T> {
  const hasMore = rows.length > page.limit;
  const pageRows = hasMore ? rows.slice(0, page.limit) : rows;
  if (!page.forward) pageRows.reverse();
  const cursor = (node: T | undefined) => (node === undefined ? null : encodeCursor(page.ordering, page.fingerprint, cursorOf(node)));
  const beyondAfter = page.after !== null && counts.total > counts.afterCount;
  const beyondBefore = page.before !== null && counts.total > counts.beforeCount;
  // Edges (a cursor per row) are made only when asked for: a listing that reads `nodes` needs none.
  let edges: Edge<T>[] | undefined;
  return {
    get edges() {
      edges ??= pageRows.map((node) => ({ cursor: cursor(node)!, node }));
      return edges;
    },
    nodes: pageRows,
    totalCount: counts.total,
    pageInfo: {
      hasNextPage: page.forward ? hasMore || beyondBefore : beyondBefore,
      hasPreviousPage: page.forward ? beyondAfter : hasMore || beyondAfter,
      startCursor: cursor(pageRows[0]),
      endCursor: cursor(pageRows.at(-1)),
    },
  };
}
