/**
 * Compiled execution (src/graphql/executor.ts): the same answers, errors and
 * SQL statements as graphql-js, through Apollo's pipeline; compiled once per
 * document and operation name, within a bound; graphql-js where the two differ.
 */
import type { ApolloServer } from "@apollo/server";
import { parse, type OperationDefinitionNode } from "graphql";
import { createContext, type Context } from "../../src/graphql/context";
import { compiledExecutor, type CompiledExecutor } from "../../src/graphql/executor";
import { toGlobalId } from "../../src/graphql/relay/global-id";
import { getSchema } from "../../src/graphql/schema";
import { createApolloServer } from "../../src/graphql/server";
import { openHarness, testBudgets, type Harness } from "../support/harness";

let h: Harness;
let compiled: CompiledExecutor;
let compiledServer: ApolloServer<Context>;
let graphqlJsServer: ApolloServer<Context>;

beforeAll(async () => {
  h = await openHarness();
  compiled = compiledExecutor(getSchema());
  compiledServer = createApolloServer([], { budgets: testBudgets(), executor: compiled });
  graphqlJsServer = createApolloServer([], { budgets: testBudgets(), executor: false });
  await Promise.all([compiledServer.start(), graphqlJsServer.start()]);
});

afterAll(async () => {
  await Promise.all([compiledServer.stop(), graphqlJsServer.stop()]);
  await h.close();
});

async function runOn(server: ApolloServer<Context>, query: string, variables?: Record<string, unknown>, operationName?: string) {
  const counter = { statements: 0 };
  const response = await server.executeOperation({ query, variables, operationName }, { contextValue: createContext({ sql: h.sql.counting(counter), dataSource: h.dataSource }) });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  const { data, errors } = response.body.singleResult;
  return { data, errors, status: response.http.status, statements: counter.statements };
}

/** Runs on both servers; expects the same answer, status and statements; returns the compiled one. */
async function sameOnBoth(query: string, variables?: Record<string, unknown>, operationName?: string) {
  const [fromCompiled, fromGraphqlJs] = [await runOn(compiledServer, query, variables, operationName), await runOn(graphqlJsServer, query, variables, operationName)];
  expect(fromCompiled).toEqual(fromGraphqlJs);
  return fromCompiled;
}

const LISTING = `query Listing($first: Int!) { chapters(first: $first) { totalCount pageInfo { hasNextPage endCursor } nodes { id name status
  country { code name } region { name } programmes { since programme { name } } membership { latest { date individualMembers synthetic } } source { url } } } }`;

describe("compiled execution", () => {
  it("answers a listing, a detail and aggregates as graphql-js does, with the same statements, compiled", async () => {
    const before = { ...compiled.counts };
    const listing = await sameOnBoth(LISTING, { first: 20 });
    expect(listing.errors).toBeUndefined();
    expect((listing.data as any).chapters.nodes).toHaveLength(20);
    const slug = (await h.sql.rows<{ slug: string }>("SELECT slug FROM chapter ORDER BY id LIMIT 1"))[0].slug;
    await sameOnBoth(`{ chapter(slug: "${slug}") { name status region { name } membership { history(from: "2020-01-01", to: "2025-12-31") { date individualMembers } } } }`);
    await sameOnBoth(`{ regions { name memberTotals(at: "2024-12-31") { individualMembers synthetic } } }`);
    expect(compiled.counts.compiled - before.compiled).toBe(3);
    expect(compiled.counts.graphqlJs).toBe(before.graphqlJs);
  });

  it("resolves `nodes` of several types through the Node interface, compiled", async () => {
    const [chapter] = await h.sql.rows<{ id: number }>("SELECT id FROM chapter ORDER BY id LIMIT 1");
    const [region] = await h.sql.rows<{ id: number }>("SELECT id FROM region ORDER BY id LIMIT 1");
    const [country] = await h.sql.rows<{ code: string }>("SELECT code FROM country ORDER BY code LIMIT 1");
    const ids = [toGlobalId("Chapter", chapter.id), toGlobalId("Region", region.id), toGlobalId("Country", country.code), toGlobalId("Chapter", 2147483647)];
    const before = { ...compiled.counts };
    const { data, errors } = await sameOnBoth(
      `query Nodes($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Chapter { name } ... on Region { name } ... on Country { code } } }`,
      { ids },
    );
    expect(errors).toBeUndefined();
    expect((data as any).nodes.map((node: any) => node?.__typename ?? null)).toEqual(["Chapter", "Region", "Country", null]);
    expect((data as any).nodes[2].code).toBe(country.code);
    expect(compiled.counts.compiled - before.compiled).toBe(1);
    expect(compiled.counts.graphqlJs).toBe(before.graphqlJs);
  });

  it("answers a resolver's error with its code, message and path, as graphql-js does", async () => {
    const { data, errors } = await sameOnBoth(`{ a: node(id: "not-an-id") { id } b: regions { name } }`);
    expect(errors).toEqual([expect.objectContaining({ path: ["a"], extensions: expect.objectContaining({ code: "BAD_USER_INPUT", argumentName: "id" }) })]);
    expect((data as any).b.length).toBeGreaterThan(0);
  });

  it("leaves variables that fail to coerce to graphql-js, for its wording of the errors", async () => {
    // Through Apollo, pricing (src/graphql/budget-plugin.ts) refuses such variables before execution; the executor is called directly.
    const executor = compiledExecutor(getSchema());
    const { executor: execute } = await executor.gateway.load({ apollo: { keyHash: undefined, graphRef: undefined } as never });
    const document = parse(LISTING);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const result = await execute!({
      document,
      operation,
      operationName: "Listing",
      queryHash: "listing",
      request: { variables: { first: "twenty" } },
      context: createContext({ sql: h.sql, dataSource: h.dataSource }),
    } as never);
    expect(result.data).toBeUndefined();
    expect(result.errors?.map((error) => error.message)).toEqual(['Variable "$first" got invalid value "twenty"; Int cannot represent non-integer value: "twenty"']);
    expect(executor.counts).toMatchObject({ compiled: 0, graphqlJs: 1, compilations: 1 });
  });

  it("compiles each document and operation once, and keeps a bounded number", async () => {
    const executor = compiledExecutor(getSchema(), { maxOperations: 1 });
    const server = createApolloServer([], { budgets: testBudgets(), executor });
    await server.start();
    try {
      const document = `query A { regions { name } } query B { regions { id } }`;
      await runOn(server, document, undefined, "A");
      await runOn(server, document, undefined, "A");
      expect(executor.counts).toMatchObject({ compiled: 2, compilations: 1 });
      // B evicts A (bound of 1): A is compiled again.
      await runOn(server, document, undefined, "B");
      await runOn(server, document, undefined, "A");
      expect(executor.counts).toMatchObject({ compiled: 4, compilations: 3, graphqlJs: 0 });
      // A name no operation has: graphql-js's own error.
      const missing = await runOn(server, document, undefined, "C");
      expect(missing.errors?.[0].message).toMatch(/Unknown operation named "C"/);
    } finally {
      await server.stop();
    }
  });
});
