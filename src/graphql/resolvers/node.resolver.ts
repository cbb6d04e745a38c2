import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, ID, Info, Query, Resolver } from "type-graphql";
import type { Context } from "../context";
import { badUserInput } from "../errors";
import type { Loaded, Loaders } from "../loaders";
import { fromGlobalId, rowIdOf } from "../relay/global-id";
import { MAX_PAGE_SIZE } from "../relay/connection";
import { Node, NODE_TYPE } from "../types/node.type";
import { chapterFieldJoins, plannedChapters } from "../../planning/chapter-plan";

/** A row of any type implementing Node (a row has no `id`: the schema makes it). */
type NodeLoad = (loaders: Loaders, key: string) => Loaded<object | null>;

/** Loads a node whose database key is an integer; a key that is not one names no row. */
const byRowId =
  (pick: (loaders: Loaders) => { load(id: number): Loaded<object | null> }): NodeLoad =>
  (loaders, key) => {
    const id = rowIdOf(key);
    return id === null ? null : pick(loaders).load(id);
  };

/** Every type implementing Node, and how to load one of it by its key. */
const NODE_LOADERS: Record<string, NodeLoad> = {
  Chapter: byRowId((l) => l.chapter),
  Region: byRowId((l) => l.region),
  Country: (loaders, key) => (/^[A-Z]{2}$/.test(key) ? loaders.country.load(key) : null),
  MembershipSnapshot: byRowId((l) => l.snapshot),
  Programme: byRowId((l) => l.programme),
  Participation: byRowId((l) => l.participation),
  Award: byRowId((l) => l.award),
  AwardRecipient: byRowId((l) => l.awardRecipient),
  Source: byRowId((l) => l.source),
  Office: byRowId((l) => l.office),
  Principle: byRowId((l) => l.principle),
  CoreValue: byRowId((l) => l.coreValue),
  Objective: byRowId((l) => l.objective),
  Activity: byRowId((l) => l.activity),
  Fact: byRowId((l) => l.fact),
};

/**
 * The object an ID names, tagged with its type for the Node interface; null
 * when no such object exists or the caller may not see it (the loaders apply
 * the caller's visibility). A chapter found in `planned` (by row id) is that
 * planned row, else it is loaded.
 */
async function loadNode(id: string, { loaders }: Context, argumentName: string, planned?: ReadonlyMap<number, object | null>): Promise<Node | null> {
  const { type, key } = fromGlobalId(id, argumentName);
  const load = NODE_LOADERS[type];
  const rowId = type === "Chapter" ? rowIdOf(key) : null;
  const row = rowId !== null && planned?.has(rowId) ? planned.get(rowId) : load ? await load(loaders, key) : null;
  return row ? (Object.assign(row, { [NODE_TYPE]: type }) as Node) : null;
}

/** The row ids of the chapters among `ids`; an ID that does not parse is refused as loadNode refuses it. */
function chapterRowIds(ids: string[]): number[] {
  const rowIds: number[] = [];
  for (const id of ids) {
    const { type, key } = fromGlobalId(id, "ids");
    const rowId = type === "Chapter" ? rowIdOf(key) : null;
    if (rowId !== null) rowIds.push(rowId);
  }
  return rowIds;
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: "The object with this global ID, of any type; null when it does not exist (or is archived and you are not an editor)." })
  node(@Arg("id", () => ID, { description: "A global ID returned by this API." }) id: string, @Ctx() context: Context): Promise<Node | null> {
    return loadNode(id, context, "id");
  }

  @Query(() => [Node], { nullable: "items", description: `The objects with these global IDs (up to ${MAX_PAGE_SIZE}), in the same order; null for each that does not exist (or is archived and you are not an editor).` })
  async nodes(
    @Arg("ids", () => [ID], { description: "Global IDs returned by this API." }) ids: string[],
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<(Node | null)[]> {
    if (ids.length > MAX_PAGE_SIZE) throw badUserInput(`\`ids\` may hold at most ${MAX_PAGE_SIZE} IDs; got ${ids.length}.`, "ids");
    // A planned read: the chapters among the IDs come with the relations asked of them, in one statement.
    const joins = chapterFieldJoins(info);
    let planned: Map<number, object | null> | undefined;
    if (joins) {
      const rowIds = chapterRowIds(ids);
      const chapters = await plannedChapters(context.loaders, "id", rowIds, joins);
      planned = new Map(rowIds.map((rowId, i) => [rowId, chapters[i]]));
    }
    return Promise.all(ids.map((id) => loadNode(id, context, "ids", planned)));
  }
}
