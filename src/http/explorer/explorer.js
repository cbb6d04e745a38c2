/**
 * Starts GraphiQL (loaded by explorer.html as globals, from this server) on
 * this server's /graphql, with one tab per example of schema/examples.graphql.
 */
/* global React, ReactDOM, GraphiQL, document, fetch */

const tabs = await (await fetch("/graphql-explorer/examples.json")).json();
ReactDOM.createRoot(document.getElementById("explorer")).render(
  React.createElement(GraphiQL, { fetcher: GraphiQL.createFetcher({ url: "/graphql" }), defaultTabs: tabs }),
);
