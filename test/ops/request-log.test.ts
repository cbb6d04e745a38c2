/**
 * The request id and the request's log line (src/observability/request-log.ts),
 * at a level that shows request lines and at one that hides them.
 */
import type { AddressInfo } from "node:net";
import express from "express";
import pino from "pino";
import { requestLogging } from "../../src/observability/request-log";

/** An app with the middleware over a logger at `level`, the lines it logs, and a request sender. */
async function serve(level: string) {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level }, { write: (line: string) => lines.push(JSON.parse(line)) });
  const app = express();
  app.use(requestLogging(logger));
  app.get("/thing", (req, res) => void res.json({ id: (req as { id?: string }).id }));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { lines, close: () => new Promise((resolve) => server.close(resolve)), get: (headers: Record<string, string> = {}) => fetch(`${base}/thing`, { headers }) };
}

describe.each(["info", "warn"])("at level %s", (level) => {
  it("answers the client's request id, or a new one, and gives it to the request", async () => {
    const app = await serve(level);
    try {
      const given = await app.get({ "x-request-id": "trace-7" });
      expect(given.headers.get("x-request-id")).toBe("trace-7");
      expect(await given.json()).toEqual({ id: "trace-7" });
      const made = await app.get();
      expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      expect(await made.json()).toEqual({ id: made.headers.get("x-request-id") });
      // A line per request exactly where the level shows info.
      expect(app.lines.filter((line) => line.msg && String(line.msg).includes("/thing"))).toHaveLength(level === "info" ? 2 : 0);
    } finally {
      await app.close();
    }
  });
});
