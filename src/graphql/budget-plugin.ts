/**
 * Prices every operation and spends its price from the caller's budget, after
 * validation and before execution: a query over the cost limit, or over what
 * the caller has left, is refused before any resolver runs or any SQL is sent.
 * Every response then tells the client where it stands, as GitHub's API does:
 * `extensions.rateLimit` { cost, limit, remaining, resetAt } and the
 * X-RateLimit-* headers. Over budget is HTTP 429 with Retry-After. A query
 * refused for its input (every root field null, every error BAD_USER_INPUT:
 * `first: 1000`, an unknown filter value) did no work and costs nothing.
 */
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from "@apollo/server";
import { GraphQLError } from "graphql";
import { budgetHeaders, type Budgets, type BudgetState } from "../rate-limit/budgets";
import type { Context } from "./context";
import { MAX_QUERY_COST, queryCost } from "./cost";
import { ErrorCode } from "./errors";

const format = (n: number) => n.toLocaleString("en-US");

/** The budget as clients read it, in `extensions.rateLimit` and the `rateLimit` field. */
export function reportedBudget(state: BudgetState) {
  return { cost: state.cost, limit: state.limit, remaining: state.remaining, resetAt: state.resetAt.toISOString() };
}

/** Costs remembered per document and variables; cleared when full (clients repeat a few operations). */
const MAX_REMEMBERED = 1000;

/** True when the answer is a refusal of the client's input: nothing in it but BAD_USER_INPUT errors. */
function refusedForInput(response: GraphQLResponse): boolean {
  if (response.body.kind !== "single") return false;
  const { data, errors } = response.body.singleResult;
  return (
    !!errors?.length &&
    errors.every((error) => error.extensions?.code === ErrorCode.BAD_USER_INPUT) &&
    (data == null || Object.values(data).every((value) => value === null))
  );
}

export function budgetPlugin(budgets: Budgets): ApolloServerPlugin<Context> {
  // Pricing walks the whole document; the same operation with the same variables costs the same every time.
  const remembered = new Map<string, number>();
  const price = (source: string, ...args: Parameters<typeof queryCost>): number => {
    const [schema, document, variables, operationName] = args;
    const key = `${operationName ?? ""}\u0000${JSON.stringify(variables ?? {})}\u0000${source}`;
    let cost = remembered.get(key);
    if (cost === undefined) {
      cost = queryCost(schema, document, variables, operationName);
      if (remembered.size >= MAX_REMEMBERED) remembered.clear();
      remembered.set(key, cost);
    }
    return cost;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, source, document, request, contextValue }) {
          let cost: number;
          try {
            cost = price(source, schema, document, request.variables, request.operationName);
          } catch (error) {
            throw new GraphQLError(error instanceof Error ? error.message : String(error), { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
          }
          if (cost > MAX_QUERY_COST) {
            throw new GraphQLError(
              `This query costs ${format(cost)} points, over the limit of ${format(MAX_QUERY_COST)} per query. Ask for smaller pages (first/last) or fewer fields, or split it.`,
              { extensions: { code: ErrorCode.QUERY_TOO_COSTLY, cost, maximumCost: MAX_QUERY_COST, http: { status: 400 } } },
            );
          }
          const charge = contextValue.refusedCharge ?? (await budgets.charge(contextValue.caller, cost));
          contextValue.budget = charge.state;
          if (!charge.allowed) {
            const { state, leftBefore, retryAfterSeconds } = charge;
            throw new GraphQLError(
              `Rate limit exceeded: this query costs ${format(cost)} points and ${format(leftBefore)} of ${format(state.limit)} were left until ${state.resetAt.toISOString()}. Retry after ${retryAfterSeconds} s${contextValue.caller.key ? "" : ", or send an API key for a larger budget"}.`,
              {
                extensions: {
                  code: ErrorCode.RATE_LIMITED,
                  retryAfterSeconds,
                  http: { status: 429, headers: new HeaderMap([["retry-after", String(retryAfterSeconds)]]) },
                },
              },
            );
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (contextValue.budget?.cost && refusedForInput(response)) contextValue.budget = await budgets.refund(contextValue.caller, contextValue.budget.cost);
          const state = contextValue.budget;
          if (!state) return;
          if (response.body.kind === "single") {
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, rateLimit: reportedBudget(state) };
          }
          for (const [name, value] of budgetHeaders(state)) response.http.headers.set(name, value);
        },
      };
    },
  };
}
