import { Arg, Extensions, ID, Query, Resolver } from "type-graphql";
import { configuredCatalog, summaryOf, type ReleaseSummary } from "../../release/catalog";
import { ReleaseError, releaseNameProblem } from "../../release/store";
import { listOf } from "../cost";
import { badUserInput } from "../errors";
import { Release } from "../types/release.type";

/** The GraphQL view of a release summary (src/release/catalog.ts). */
const releaseOf = (summary: ReleaseSummary): Release => ({ ...summary, created: new Date(summary.created) });

/**
 * Published data releases, read from the releases folder (RELEASES_DIR) like
 * GET /releases. A release is published without any change of the data, so
 * these answers are kept for a minute, not for the default time.
 */
@Resolver(() => Release)
export class ReleaseResolver {
  @Query(() => [Release], { complexity: listOf(100), description: "Every published data release, newest first." })
  @Extensions({ cacheControl: { maxAge: 60 } })
  releases(): Release[] {
    const { store, baseUrl } = configuredCatalog();
    return store.list().map((release) => releaseOf(summaryOf(release, baseUrl)));
  }

  @Query(() => Release, { nullable: true, description: 'One data release by its name (e.g. "2026-12"); null when there is none (`releases` lists them).' })
  @Extensions({ cacheControl: { maxAge: 60 } })
  release(@Arg("id", () => ID, { description: 'The release\'s name (e.g. "2026-12").' }) id: string): Release | null {
    const problem = releaseNameProblem(id);
    if (problem) throw badUserInput(`${problem}.`, "id");
    const { store, baseUrl } = configuredCatalog();
    try {
      return releaseOf(summaryOf(store.get(id), baseUrl));
    } catch (error) {
      if (error instanceof ReleaseError && error.code === "NOT_FOUND") return null;
      throw error;
    }
  }
}
