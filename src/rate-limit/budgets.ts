/**
 * Points budgets: every caller has a number of points per window (an hour by
 * default), and every query spends its cost (src/graphql/cost.ts). Anonymous
 * callers share a budget per IP address; a key has its own, larger by role.
 *
 * Kept by rate-limiter-flexible: in Redis when REDIS_URL is set, so that every
 * instance of the API spends from one budget (otherwise a client could spend
 * N budgets across N instances), else in process. While Redis is unreachable
 * each instance falls back to an in-process budget (the insurance limiter):
 * an outage of the cache must not take the API down, and the fallback still
 * bounds what one client can make one instance do.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Caller, Role } from "../auth/caller";

/**
 * Points per hour by role (a point is about one value of an answer; see
 * src/graphql/cost.ts). An anonymous budget buys about 640 pages of 100
 * chapters with their country, region, programmes and latest figures an hour
 * (each 3,101 points), or ten of the largest queries, from one address; partner
 * sites mostly get cached answers from a CDN. Researchers and dashboards that
 * need more ask for a key, and bulk downloads are exports.
 */
export const DEFAULT_BUDGETS: Record<Role, number> = { anonymous: 2_000_000, reader: 20_000_000, editor: 50_000_000, admin: 50_000_000 };
export const DEFAULT_BUDGET_WINDOW_SECONDS = 3600;

export interface BudgetOptions {
  /** Points per window, by role. */
  points: Record<Role, number>;
  windowSeconds: number;
  /** A connected node-redis client, to share budgets between instances. */
  redis?: unknown;
  /** Prefix of the Redis keys (instances that share budgets share it). */
  keyPrefix?: string;
}

/** What a caller has left, as `rateLimit` and every response's extensions report it. */
export interface BudgetState {
  /** Points per window. */
  limit: number;
  /** Points the operation cost. */
  cost: number;
  /** Points left in this window (0 when spent). */
  remaining: number;
  /** When the window ends and the budget is whole again. */
  resetAt: Date;
}

/** The X-RateLimit-* headers of a budget (GitHub's names; the reset in epoch seconds). */
export function budgetHeaders(state: BudgetState): [string, string][] {
  return [
    ["x-ratelimit-limit", String(state.limit)],
    ["x-ratelimit-remaining", String(state.remaining)],
    ["x-ratelimit-reset", String(Math.ceil(state.resetAt.getTime() / 1000))],
    ["x-ratelimit-cost", String(state.cost)],
  ];
}

export type Charge =
  | { allowed: true; state: BudgetState }
  /** `leftBefore`: the points there were before this request, which were too few. */
  | { allowed: false; state: BudgetState; leftBefore: number; retryAfterSeconds: number };

export class Budgets {
  private readonly limiters: Map<Role, RateLimiterAbstract>;

  constructor(private readonly options: BudgetOptions) {
    this.limiters = new Map(
      (Object.entries(options.points) as [Role, number][]).map(([role, points]) => {
        const common = { points, duration: options.windowSeconds, keyPrefix: `${options.keyPrefix ?? "isoc-api"}:budget:${role}` };
        const memory = new RateLimiterMemory(common);
        const limiter = options.redis
          ? new RateLimiterRedis({ ...common, storeClient: options.redis, useRedisPackage: true, rejectIfRedisNotReady: true, insuranceLimiter: memory })
          : memory;
        return [role, limiter];
      }),
    );
  }

  /**
   * Spends `cost` points of the caller's budget, or refuses when fewer are left.
   * A refused request still counts against the window (as the library keeps
   * it): a client that keeps sending while over budget stays over budget.
   */
  async charge(caller: Caller, cost: number): Promise<Charge> {
    const limiter = this.limiters.get(caller.role)!;
    const key = budgetKey(caller);
    if (cost === 0) return { allowed: true, state: this.stateOf(caller, 0, await limiter.get(key)) };
    try {
      const result = await limiter.consume(key, cost);
      return { allowed: true, state: this.stateOf(caller, cost, result) };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const state = this.stateOf(caller, cost, rejection);
      const leftBefore = Math.max(0, state.limit - (rejection.consumedPoints - cost));
      return { allowed: false, state, leftBefore, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
  }

  /** Gives back `cost` points spent on a request that was refused before any work was done for it. */
  async refund(caller: Caller, cost: number): Promise<BudgetState> {
    const result = await this.limiters.get(caller.role)!.reward(budgetKey(caller), cost);
    return this.stateOf(caller, 0, result);
  }

  private stateOf(caller: Caller, cost: number, result: RateLimiterRes | null): BudgetState {
    const limit = this.options.points[caller.role];
    const used = result?.consumedPoints ?? 0;
    const msLeft = result?.msBeforeNext ?? this.options.windowSeconds * 1000;
    return { limit, cost, remaining: Math.max(0, limit - used), resetAt: new Date(Date.now() + Math.max(0, msLeft)) };
  }
}

/** Keys have one budget wherever they are used from; anonymous callers, one per address. */
function budgetKey(caller: Caller): string {
  return caller.key ? `key:${caller.key.id}` : `ip:${caller.ip}`;
}
