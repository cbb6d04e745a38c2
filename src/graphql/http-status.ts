/**
 * The status codes of GraphQL over HTTP, by the media type of the answer.
 *
 * With `application/json` (what a client gets when it asks for it or sends no
 * Accept), every well-formed request answers 200 and its problems are in
 * `errors`: a document that does not parse, fails validation or whose
 * variables cannot be coerced is a GraphQL error like a bad argument, so
 * clients meet one convention. With `application/graphql-response+json`, a
 * request that cannot execute answers 4xx (Apollo's 400), as that media type
 * lets a client tell "not executed" from the status alone.
 *
 * Apollo decides the content type after the plugins have run, so the plugin
 * makes the same choice (by Accept, as Apollo's negotiation does) and sets it,
 * so the status and the content type never disagree. Statuses other than 400
 * (405 for a mutation over GET, 429 over budget, 503) keep their meaning.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import Negotiator from "negotiator";

/** Apollo's spelling of the two media types (its MEDIA_TYPES, which it does not export). */
const JSON_TYPE = "application/json; charset=utf-8";
const GRAPHQL_RESPONSE_TYPE = "application/graphql-response+json; charset=utf-8";
const OFFERED = [JSON_TYPE, GRAPHQL_RESPONSE_TYPE];

/** The media type of the answer for an Accept header: application/json when there is none; undefined when neither is acceptable. */
export function answerMediaType(accept: string | undefined): string | undefined {
  if (!accept) return JSON_TYPE;
  return new Negotiator({ headers: { accept } }).mediaType(OFFERED);
}

export function httpStatusPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.body.kind !== "single") return;
          const mediaType = answerMediaType(request.http?.headers.get("accept"));
          if (!mediaType) return;
          response.http.headers.set("content-type", mediaType);
          if (mediaType === JSON_TYPE && response.http.status === 400) response.http.status = 200;
        },
      };
    },
  };
}
