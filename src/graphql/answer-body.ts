/**
 * The one definition of an answer's ETag, for answers computed by Apollo and
 * answers repeated from the response cache alike, so that a client
 * revalidating either gets 304 from both.
 *
 * The ETag covers the answer without its budget report: the report changes
 * with every request (`remaining`), the data does not, and revalidation (304)
 * is about the data. The data version stays in: a new version is new data.
 */
import etag from "etag";

/**
 * The budget report Apollo serialises last in an answer (src/graphql/budget-plugin.ts):
 * `"rateLimit":{…flat fields…}` closing the extensions at the end of the body.
 */
const BUDGET_REPORT = /,?"rateLimit":\{[^{}]*\}(?=\}\}\s*$)/;

/** The weak ETag of an answer's body, its budget report left out. */
export function answerEtag(body: Buffer | string): string {
  const text = typeof body === "string" ? body : body.toString("utf8");
  return etag(text.replace(BUDGET_REPORT, ""), { weak: true });
}

/**
 * The body of a repeated answer, as Apollo serialises a computed one: its
 * data, then the extensions the data-version and budget plugins add, in their
 * order. In two parts: the head, the same on every repeat, and the budget
 * report that ends it, this request's.
 */
export function repeatedAnswerBody(data: string, dataVersion: string | null, rateLimit: unknown): string {
  return repeatedAnswerHead(data, dataVersion) + repeatedAnswerTail(rateLimit);
}

/** A repeated answer's body up to its budget report (see repeatedAnswerBody). */
export function repeatedAnswerHead(data: string, dataVersion: string | null): string {
  return `{"data":${data},"extensions":{"dataVersion":${JSON.stringify(dataVersion)},"rateLimit":`;
}

/** A repeated answer's body from its budget report on (see repeatedAnswerBody). */
export function repeatedAnswerTail(rateLimit: unknown): string {
  return `${JSON.stringify(rateLimit)}}}\n`;
}
