/**
 * schema/examples.graphql as the explorer's opening tabs: one tab per
 * operation, headed by the comment written above it. The explorer opens on the
 * same examples that test/graphql/examples.test.ts runs, so they never go stale.
 */
import { Kind, parse } from "graphql";

/** A GraphiQL tab definition (GraphiQL's `defaultTabs`). */
export interface ExplorerTab {
  query: string;
}

export function exampleTabs(source: string): ExplorerTab[] {
  const tabs: ExplorerTab[] = [];
  let previousEnd = 0;
  for (const definition of parse(source).definitions) {
    const { start, end } = definition.loc!;
    // Between two definitions there is only whitespace and comments; the block right above (no blank line) describes this one.
    const comment = source.slice(previousEnd, start).split(/\n\s*\n/).at(-1)!.trim();
    previousEnd = end;
    if (definition.kind === Kind.OPERATION_DEFINITION) tabs.push({ query: `${comment ? `${comment}\n` : ""}${source.slice(start, end)}\n` });
  }
  return tabs;
}
