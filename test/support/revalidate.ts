import http from "node:http";

/**
 * The status a conditional GET of `url` with `If-None-Match: etag` gets, sent
 * as a browser revalidates: over raw HTTP, because fetch() adds
 * "Cache-Control: no-cache" to conditional requests.
 */
export function revalidationStatus(url: string, etag: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    http
      .get(url, { headers: { "if-none-match": etag } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      })
      .on("error", reject);
  });
}
