/**
 * The server as an operator runs it: its log lines, and a graceful stop that
 * finishes the request in flight and exits 0.
 */
import { Client } from "pg";
import { startServerProcess, type ServerProcess } from "../support/server-process";
import { testDatabaseUrl } from "../support/harness";

async function kill(server: ServerProcess | undefined): Promise<void> {
  if (server && server.child.exitCode === null) {
    server.child.kill("SIGKILL");
    await server.exited;
  }
}

describe("log lines", () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({ DATABASE_URL: testDatabaseUrl() });
  });
  afterAll(() => kill(server));

  it("are JSON with the request id, operation, outcome and statement count, and never the Authorization header", async () => {
    const response = await server.graphql(`query RegionNames { regions { name } }`, { "x-request-id": "trace-42" });
    expect(response.headers.get("x-request-id")).toBe("trace-42");
    await response.json();
    // A key the server refuses (401) is not logged either.
    const refused = await server.graphql(`{ regions { name } }`, { "x-request-id": "trace-43", authorization: "Bearer top-secret-key" });
    expect(refused.status).toBe(401);
    const generated = await server.graphql(`{ principles { title } }`);
    const generatedId = generated.headers.get("x-request-id");
    expect(generatedId).toMatch(/^[0-9a-f-]{36}$/);

    await new Promise((resolve) => setTimeout(resolve, 200));
    const line = server.logs.find((l) => l.req?.id === "trace-42");
    expect(line).toMatchObject({ req: { method: "POST", path: "/graphql" }, res: { status: 200 }, operation: "RegionNames", outcome: "success", statements: 1 });
    expect(typeof line!.responseTime).toBe("number");
    expect(server.logs.find((l) => l.req?.id === "trace-43")).toMatchObject({ res: { status: 401 } });
    expect(server.logs.some((l) => l.req?.id === generatedId)).toBe(true);
    expect(JSON.stringify(server.logs)).not.toContain("top-secret-key");
  });

  it("drop a client request id that is not a plain token, and make one", async () => {
    const response = await server.graphql(`{ regions { name } }`, { "x-request-id": "bad id\twith spaces" });
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("SIGTERM", () => {
  let server: ServerProcess | undefined;
  afterEach(() => kill(server));

  it("stops taking connections, completes the request in flight, and exits 0", async () => {
    server = await startServerProcess({ DATABASE_URL: testDatabaseUrl() });
    // Hold a lock that the request's statement must wait for, so it is in flight when the signal comes.
    const blocker = new Client({ connectionString: testDatabaseUrl() });
    await blocker.connect();
    try {
      await blocker.query("BEGIN");
      await blocker.query("LOCK TABLE organization IN ACCESS EXCLUSIVE MODE");
      const inFlight = server.graphql(`{ organization { vision } }`);
      for (let i = 0; i < 100; i++) {
        const { rows } = await blocker.query(
          `SELECT 1 FROM pg_stat_activity WHERE application_name = 'isoc-open-data-api' AND wait_event_type = 'Lock' AND query ILIKE '%FROM organization%'`,
        );
        if (rows.length) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      server.child.kill("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 300));
      await expect(fetch(`${server.baseUrl}/healthz`)).rejects.toThrow();
      expect(server.child.exitCode).toBeNull();
      await blocker.query("COMMIT");

      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ data: { organization: { vision: "The Internet is for everyone." } } });
      expect(await server.exited).toBe(0);
      expect(server.logs.map((l) => l.msg)).toContain("stopped");
    } finally {
      await blocker.end();
    }
  });
});
