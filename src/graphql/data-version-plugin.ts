/**
 * Every answer says which data version it was computed from, in
 * `extensions.dataVersion`: the counter every write moves (src/db/data-version-watcher.ts),
 * which a release also names (src/release/), so a researcher can tell whether
 * a live answer matches the release they cite.
 *
 * The version is the watcher's, kept in memory from NOTIFY: reading it costs
 * no statement per request. It is null while unknown (the watcher is not
 * running, as with RESPONSE_CACHE=off, or has lost its connection): the
 * answer then cannot say, and says so rather than guess. It is put first
 * among the extensions, so the budget report stays last (src/http/app.ts
 * leaves the report out of ETags).
 */
import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "./context";

export function dataVersionPlugin(dataVersion?: () => string | null): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          result.extensions = { dataVersion: dataVersion?.() ?? null, ...result.extensions };
        },
      };
    },
  };
}
