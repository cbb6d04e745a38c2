/**
 * The cost of a query: an estimate, made from the document and its variables
 * before anything runs, of the most values its answer can hold.
 *
 *   - every field costs 1;
 *   - a list multiplies the cost of what is selected in it by its size:
 *     `first`/`last` for a page (capped at MAX_PAGE_SIZE, the largest page
 *     served; DEFAULT_PAGE_SIZE when neither is given), the number of `ids`
 *     for `nodes`, and for a list that takes no page size, the size the schema
 *     declares for it (`listOf(n)` below, on the field);
 *   - introspection is free (GraphiQL and code generators need it).
 *
 * A value is roughly what the server pays for (a row read, a value resolved,
 * serialised and sent), so one number bounds a query's work and prices it
 * against the caller's budget (src/rate-limit/budgets.ts). Computed with
 * graphql-query-complexity, whose estimators are these rules.
 */
import type { DocumentNode, GraphQLSchema } from "graphql";
import { fieldExtensionsEstimator, getComplexity, type ComplexityEstimator } from "graphql-query-complexity";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./relay/connection";

/**
 * The most a single query may cost: the largest answers the API gives on
 * purpose (memberStats' 20,000 figures, about 180,000) fit; a page of 100
 * chapters with country, region, programmes and latest figures is 3,101.
 */
export const MAX_QUERY_COST = 200_000;

/**
 * The cost of a list field that takes no page size: its items' selection times
 * `size`, the most items it holds at this data's scale (or a fair bound), so a
 * client can tell from the schema what a field costs.
 */
export const listOf =
  (size: number): ComplexityEstimator =>
  ({ childComplexity }) =>
    1 + size * childComplexity;

const free: ComplexityEstimator = ({ type, field }) => (type.name.startsWith("__") || field.name.startsWith("__") ? 0 : undefined);

const pageSize = (value: unknown): number => (typeof value === "number" && value >= 0 ? Math.min(value, MAX_PAGE_SIZE) : MAX_PAGE_SIZE);

/** Pages (`first`/`last`) and `ids`: what the arguments say the list holds. */
const sizedByArguments: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const takes = (name: string) => field.args.some((arg) => arg.name === name);
  if (takes("first") || takes("last")) {
    const size = args.first ?? args.last;
    return 1 + (size === undefined || size === null ? DEFAULT_PAGE_SIZE : pageSize(size)) * childComplexity;
  }
  if (takes("ids") && Array.isArray(args.ids)) return 1 + Math.min(args.ids.length, MAX_PAGE_SIZE) * childComplexity;
  return undefined;
};

const everyField: ComplexityEstimator = ({ childComplexity }) => 1 + childComplexity;

const ESTIMATORS = [free, fieldExtensionsEstimator(), sizedByArguments, everyField];

/**
 * The cost of the operation `operationName` of `document` with `variables`.
 * Throws a GraphQLError when the variables do not fit the operation (the
 * request is then refused as execution would refuse it).
 */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined | null): number {
  return getComplexity({ schema, query: document, variables, operationName: operationName ?? undefined, estimators: ESTIMATORS });
}
