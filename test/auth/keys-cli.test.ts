/**
 * `npm run keys`: a key is shown once and stored only as its hash; listing
 * shows no secret; a revoked key is refused at once; bad arguments change nothing.
 */
import { hashKey } from "../../src/auth/api-key";
import { runCli } from "../import/run-cli";
import { createScratchDatabase, type ScratchDatabase } from "../import/scratch-database";
import { serveHttp } from "../support/harness";
import { postGraphQL } from "../support/keys";

let db: ScratchDatabase;
beforeAll(async () => {
  db = await createScratchDatabase("isoc_keys");
});
afterAll(() => db.drop());

const keys = (...args: string[]) => runCli("keys.ts", args, db.url);

describe("npm run keys", () => {
  it("creates a key shown once and stored as a hash, lists it without its secret, and revokes it so it is refused at once", async () => {
    const created = await keys("create", "--name", "partner-site", "--role", "reader");
    expect(created.code).toBe(0);
    const token = /(isoc_[A-Za-z0-9_-]{43})/.exec(created.stdout)?.[1];
    expect(token).toBeDefined();
    const [row] = await db.dataSource.query(`SELECT role, token_hash, token_prefix FROM api_key WHERE name = 'partner-site'`);
    expect(row).toEqual({ role: "reader", token_hash: hashKey(token!), token_prefix: token!.slice(0, 12) });
    expect(JSON.stringify(await db.dataSource.query(`SELECT * FROM api_key`))).not.toContain(token);

    const listed = await keys("list");
    expect(listed.stdout).toMatch(/partner-site\treader\tisoc_\S+…\tcreated \S+\tactive/);
    expect(listed.stdout).not.toContain(token);

    const { base, server } = await serveHttp(db);
    try {
      const before = await postGraphQL(base, `{ rateLimit { role } }`, {}, { token });
      expect(before.data?.rateLimit.role).toBe("READER");
      const revoked = await keys("revoke", "--name", "partner-site");
      expect(revoked.code).toBe(0);
      const after = await postGraphQL(base, `{ rateLimit { role } }`, {}, { token });
      expect([after.status, after.errors?.[0]?.extensions?.code]).toEqual([401, "UNAUTHENTICATED"]);
      expect((await keys("list")).stdout).toMatch(/partner-site\treader.*REVOKED/);
    } finally {
      await server.stop();
    }
  });

  it.each([
    [["create", "--name", "x", "--role", "owner"], /--role must be one of reader, editor, admin/],
    [["create", "--name", "bad name!", "--role", "reader"], /--name must be/],
    [["revoke", "--name", "nobody"], /No key is named "nobody"/],
    [[], /usage: npm run keys/],
  ])("refuses %j with one clear line and exit code 1, changing nothing", async (args, message) => {
    const before = await db.dataSource.query(`SELECT count(*)::int AS n FROM api_key`);
    const run = await keys(...args);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM api_key`)).toEqual(before);
  });

  it("refuses a second key with a name already used (names identify keys in the audit log)", async () => {
    expect((await keys("create", "--name", "twice", "--role", "editor")).code).toBe(0);
    const again = await keys("create", "--name", "twice", "--role", "admin");
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/exists already/);
  });
});
