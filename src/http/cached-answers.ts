/**
 * Answers repeated queries from the response cache (src/graphql/response-cache.ts)
 * before Apollo's pipeline: a hit costs a lookup, the caller's budget charge and
 * writing the stored body, where computing it again (parse, validation,
 * plugins, pricing, an ETag over the body) cost many times more.
 *
 * A hit answers as the pipeline would: the same body (with this request's
 * budget report), status, Content-Type for the request's Accept, ETag (and 304
 * to a matching If-None-Match), Cache-Control (private for keyed callers),
 * Age, the X-RateLimit-* headers; and it is counted in the metrics and the
 * request's log line. Anything else goes on to Apollo: a miss, a request the
 * pipeline would refuse whatever is stored (a GET with a Content-Type other
 * than JSON, an Accept it cannot satisfy), and a caller over budget (Apollo's
 * pipeline then answers 429, charging the refusal once: see budget-plugin.ts).
 */
import { parse as parseUrl } from "node:url";
import type { NextFunction, Request, Response } from "express";
import { callerOf } from "./authenticate";
import { cacheControlHeader } from "../graphql/cache-policy";
import { repeatedAnswerHead, repeatedAnswerTail } from "../graphql/answer-body";
import { reportedBudget } from "../graphql/budget-plugin";
import type { CachedAnswer, ResponseCache } from "../graphql/response-cache";
import type { ApiMetrics } from "../observability/metrics";
import { requestInfo } from "../observability/request-info";
import { budgetHeaders, type Budgets } from "../rate-limit/budgets";

/**
 * The media types Apollo answers a single result with, in its order: Express's
 * `req.accepts` negotiates them with the same library (negotiator) and the same
 * rule (the first type when there is no Accept), so a hit gets the Content-Type
 * the pipeline would give it; false where Apollo would answer 406.
 */
const MEDIA_TYPES = ["application/json; charset=utf-8", "application/graphql-response+json; charset=utf-8", "application/json; callbackSpec=1.0; charset=utf-8"];

/** Each stored answer's head as bytes (see headOf). */
const heads = new WeakMap<CachedAnswer, Buffer>();

/**
 * The head of `answer`'s body as bytes, made on its first repeat: the memory
 * cache hands back the same answer object, so later repeats copy these bytes
 * rather than build and encode the body's text again (for the listing, 24 kB
 * of string and its UTF-8 copy per hit: most of a hit's allocations, which set
 * the pace of garbage collection and so the tail of a hit's latency).
 */
function headOf(answer: CachedAnswer): Buffer {
  let head = heads.get(answer);
  if (!head) heads.set(answer, (head = Buffer.from(repeatedAnswerHead(answer.data, answer.dataVersion))));
  return head;
}

export function cachedAnswers(cache: ResponseCache, budgets: Budgets, metrics: ApiMetrics) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const started = process.hrtime.bigint();
    if (req.method === "GET" && req.headers["content-type"] !== undefined && !/^application\/json\s*(;|$)/i.test(req.headers["content-type"])) return next();
    const contentType = req.accepts(MEDIA_TYPES);
    const caller = callerOf(req, res);
    const key = contentType && cache.keyOf(caller.role, { method: req.method, search: parseUrl(req.url).search ?? "", body: req.body });
    const answer = key && (await cache.get(key));
    if (!answer) return next();
    try {
      const charge = await budgets.charge(caller, answer.cost);
      if (!charge.allowed) {
        res.locals.refusedCharge = charge;
        return next();
      }
      const now = Date.now();
      res.setHeader("content-type", contentType as string);
      res.setHeader("cache-control", cacheControlHeader({ maxAge: answer.maxAge, scope: "PUBLIC" }, caller));
      res.setHeader("age", String(Math.max(0, Math.floor((now - answer.storedAt) / 1000))));
      res.setHeader("etag", answer.etag);
      for (const [name, value] of budgetHeaders(charge.state)) res.set(name, value);
      res.send(Buffer.concat([headOf(answer), Buffer.from(repeatedAnswerTail(reportedBudget(charge.state)))]));

      const operation = metrics.operationLabel(answer.operationName);
      metrics.responseCache.inc({ result: "hit" });
      metrics.requests.inc({ operation, outcome: "success" });
      metrics.duration.observe({ operation, outcome: "success" }, Number(process.hrtime.bigint() - started) / 1e9);
      metrics.statements.observe({ operation }, 0);
      Object.assign(requestInfo(req, res), { operation: answer.operationName, outcome: "success" });
    } catch (error) {
      next(error);
    }
  };
}
