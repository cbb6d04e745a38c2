/**
 * Editors change data through mutations: only with the right key, validated by
 * the import's rules, version-checked (no lost updates), never deleting, and
 * always with an audit entry written in the same transaction.
 */
import { openHarness, serveHttp, type Harness } from "../support/harness";
import { createKey, postGraphQL } from "../support/keys";

let h: Harness;
let base: string;
let stop: () => Promise<void>;
const tokens: Record<string, string> = {};
/** A source the seed recorded, which new records may cite without a licence. */
let seededSource: string;
/** A chapter with programmes, for the participation tests. */
let participant: string;

beforeAll(async () => {
  h = await openHarness({ scratch: true });
  const served = await serveHttp(h);
  base = served.base;
  stop = served.server.stop;
  tokens.reader = await createKey(h.sql, "reader-key", "reader");
  tokens.editor = await createKey(h.sql, "editor-key", "editor");
  tokens.otherEditor = await createKey(h.sql, "other-editor", "editor");
  tokens.admin = await createKey(h.sql, "admin-key", "admin");
  tokens.revoked = await createKey(h.sql, "revoked-key", "editor");
  await h.dataSource.query(`UPDATE api_key SET revoked_at = now() WHERE name = 'revoked-key'`);
  [{ url: seededSource }] = await h.dataSource.query(`SELECT s.url FROM chapter c JOIN source s ON s.id = c.source_id WHERE c.slug = 'kenya'`);
  [{ slug: participant }] = await h.dataSource.query(`SELECT c.slug FROM participation pa JOIN chapter c ON c.id = pa.chapter_id ORDER BY c.slug LIMIT 1`);
});
afterAll(async () => {
  await stop();
  await h.close();
});

const gql = (query: string, variables: Record<string, unknown> = {}, token?: string) => postGraphQL(base, query, variables, { token });

/** Runs an operation that must succeed and returns its data. */
async function ok(query: string, variables: Record<string, unknown>, token: string): Promise<Record<string, any>> {
  const result = await gql(query, variables, token);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

/** Everything an edit could change, to prove a refused edit changed nothing. */
async function tableState(): Promise<string> {
  const [state] = await h.dataSource.query(`
    SELECT (SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM chapter t) AS chapter,
           (SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM membership_snapshot t) AS membership,
           (SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM participation t) AS participation,
           (SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM fact t) AS fact,
           (SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM source t) AS source,
           (SELECT count(*) FROM audit_entry) AS audit,
           (SELECT version FROM data_version) AS data_version`);
  return JSON.stringify(state);
}

const CREATE_CHAPTER = `mutation($input: ChapterInput!) { createChapter(input: $input) { id slug name version archivedAt country { code } source { url } } }`;
const UPDATE_CHAPTER = `mutation($id: ID!, $version: Int!, $patch: ChapterPatch!) { updateChapter(id: $id, version: $version, patch: $patch) { id name website version archivedAt } }`;
const ARCHIVE_CHAPTER = `mutation($id: ID!, $version: Int!) { archiveChapter(id: $id, version: $version) { id version archivedAt } }`;
const chapterInput = (slug: string, extra: Record<string, unknown> = {}) => ({
  slug, name: `Test ${slug}`, kind: "CHAPTER", status: "ACTIVE", countryCode: "BJ", regionSlug: "africa",
  sourceUrl: seededSource, ...extra,
});

async function kenya(): Promise<{ id: string; version: number }> {
  const { chapter } = await ok(`{ chapter(slug: "kenya") { id version } }`, {}, tokens.editor);
  return chapter;
}

/** One of each mutation, with valid arguments: what each caller below is refused. */
async function everyMutation(): Promise<[string, string, Record<string, unknown>][]> {
  const chapter = await kenya();
  const { chapter: withData } = await ok(
    `{ chapter(slug: "${participant}") { membership { latest { id version } } programmes { id version } } }`, {}, tokens.editor,
  );
  const { organization } = await ok(`{ organization { headlineFacts { id version } } }`, {}, tokens.editor);
  const fact = organization.headlineFacts[0];
  const snapshot = withData.membership.latest;
  const participation = withData.programmes[0];
  return [
    ["createChapter", CREATE_CHAPTER, { input: chapterInput("refused-chapter") }],
    ["updateChapter", UPDATE_CHAPTER, { id: chapter.id, version: chapter.version, patch: { name: "Changed" } }],
    ["archiveChapter", ARCHIVE_CHAPTER, { id: chapter.id, version: chapter.version }],
    ["recordMembership", `mutation($i: MembershipInput!) { recordMembership(input: $i) { id } }`,
      { i: { chapterSlug: "kenya", takenOn: "2030-01-01", individualMembers: 1, organizationMembers: 0, sourceUrl: "https://example.org/m", sourceLicenceId: "CC0-1.0" } }],
    ["correctMembership", `mutation($id: ID!, $v: Int!) { correctMembership(id: $id, version: $v, patch: { individualMembers: 5 }) { id } }`, { id: snapshot.id, v: snapshot.version }],
    ["setParticipation", `mutation($i: ParticipationInput!) { setParticipation(input: $i) { id } }`,
      { i: { chapterSlug: "benin", programmeSlug: "chapterthon", since: "2024-01-01", sincePrecision: "YEAR", sourceUrl: "https://example.org/p", sourceLicenceId: "CC0-1.0" } }],
    ["endParticipation", `mutation($id: ID!, $v: Int!) { endParticipation(id: $id, version: $v) { id } }`, { id: participation.id, v: participation.version }],
    ["addFact", `mutation($i: FactInput!) { addFact(input: $i) { id } }`,
      { i: { subject: "Internet Society", figure: "test", value: "1", asOf: "2030", sourceUrl: "https://example.org/f", sourceLicenceId: "CC0-1.0" } }],
    ["correctFact", `mutation($id: ID!, $v: Int!) { correctFact(id: $id, version: $v, patch: { value: "2" }) { id } }`, { id: fact.id, v: fact.version }],
  ];
}

describe("who may edit", () => {
  it("refuses every mutation without a key (UNAUTHENTICATED), with a reader key (FORBIDDEN) and with a revoked key (401), writing nothing", async () => {
    const mutations = await everyMutation();
    const before = await tableState();
    for (const [name, query, variables] of mutations) {
      const anonymous = await gql(query, variables);
      expect([name, anonymous.errors?.[0]?.extensions?.code]).toEqual([name, "UNAUTHENTICATED"]);
      expect(anonymous.data).toBeNull();

      const reader = await gql(query, variables, tokens.reader);
      expect([name, reader.errors?.[0]?.extensions?.code]).toEqual([name, "FORBIDDEN"]);
      expect(reader.errors?.[0]?.message).toContain("reader-key");

      const revoked = await gql(query, variables, tokens.revoked);
      expect([name, revoked.status, revoked.errors?.[0]?.extensions?.code]).toEqual([name, 401, "UNAUTHENTICATED"]);
      expect(revoked.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
    const unknown = await gql(mutations[0][1], mutations[0][2], `isoc_${"A".repeat(43)}`);
    expect([unknown.status, unknown.errors?.[0]?.extensions?.code]).toEqual([401, "UNAUTHENTICATED"]);
    const malformed = await postGraphQL(base, mutations[0][1], mutations[0][2], { headers: { authorization: "Basic dXNlcjpwYXNz" } });
    expect([malformed.status, malformed.errors?.[0]?.extensions?.code]).toEqual([401, "UNAUTHENTICATED"]);
    expect(await tableState()).toBe(before);
  });

  it("lets admins read the audit log and nobody else", async () => {
    const query = `{ auditLog(first: 1) { totalCount } }`;
    expect((await gql(query)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect((await gql(query, {}, tokens.editor)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const [{ entries }] = await h.dataSource.query(`SELECT count(*)::int AS entries FROM audit_entry`);
    expect((await ok(query, {}, tokens.admin)).auditLog.totalCount).toBe(entries);
  });
});

describe("editing a chapter", () => {
  it("creates, updates, archives and restores it, each change versioned and audited with before and after", async () => {
    const { createChapter: created } = await ok(CREATE_CHAPTER, { input: chapterInput("lifecycle") }, tokens.editor);
    expect(created).toMatchObject({ slug: "lifecycle", version: 1, archivedAt: null, country: { code: "BJ" }, source: { url: seededSource } });

    const { updateChapter: updated } = await ok(UPDATE_CHAPTER, { id: created.id, version: 1, patch: { name: "Renamed", website: "https://example.org" } }, tokens.editor);
    expect(updated).toMatchObject({ name: "Renamed", website: "https://example.org", version: 2 });

    const { archiveChapter: archived } = await ok(ARCHIVE_CHAPTER, { id: created.id, version: 2 }, tokens.editor);
    expect(archived.version).toBe(3);
    expect(archived.archivedAt).toEqual(expect.any(String));

    // A patch with null clears an optional field; updating an archived chapter restores it.
    const { updateChapter: restored } = await ok(UPDATE_CHAPTER, { id: created.id, version: 3, patch: { website: null } }, tokens.editor);
    expect(restored).toMatchObject({ website: null, version: 4, archivedAt: null });

    const { auditLog } = await ok(
      `query($id: ID!) { auditLog(filter: { recordId: $id }) { totalCount nodes { actor action recordType recordId before after } } }`, { id: created.id }, tokens.admin,
    );
    expect(auditLog.totalCount).toBe(4);
    const [restore, archive, update, create] = auditLog.nodes;
    expect(create).toMatchObject({ actor: "editor-key", action: "CREATE", recordType: "Chapter", recordId: created.id, before: null });
    expect(create.after).toMatchObject({ slug: "lifecycle", name: "Test lifecycle", region_slug: "africa", source_url: seededSource, version: 1 });
    expect(update).toMatchObject({ action: "UPDATE", before: { name: "Test lifecycle", version: 1 }, after: { name: "Renamed", website: "https://example.org", version: 2 } });
    expect(archive).toMatchObject({ action: "ARCHIVE", before: { archived_at: null }, after: { version: 3 } });
    expect(archive.after.archived_at).toEqual(expect.any(String));
    expect(restore).toMatchObject({ action: "UPDATE", before: { website: "https://example.org" }, after: { website: null, archived_at: null, version: 4 } });
  });

  it("refuses an edit naming a stale version with CONFLICT, leaving the record as it was", async () => {
    const { createChapter: created } = await ok(CREATE_CHAPTER, { input: chapterInput("stale") }, tokens.editor);
    await ok(UPDATE_CHAPTER, { id: created.id, version: 1, patch: { name: "First edit" } }, tokens.editor);
    const before = await tableState();
    const stale = await gql(UPDATE_CHAPTER, { id: created.id, version: 1, patch: { name: "Lost edit" } }, tokens.otherEditor);
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentVersion: 2 });
    expect(stale.errors?.[0]?.message).toMatch(/version 2, not 1/);
    expect(await tableState()).toBe(before);
  });

  it("of two concurrent updates of one version, applies one and refuses the other with CONFLICT; the record holds the winner's data", async () => {
    const { createChapter: created } = await ok(CREATE_CHAPTER, { input: chapterInput("race") }, tokens.editor);
    for (let round = 1; round <= 5; round++) {
      const version = round;
      const [a, b] = await Promise.all([
        gql(UPDATE_CHAPTER, { id: created.id, version, patch: { name: `A${round}` } }, tokens.editor),
        gql(UPDATE_CHAPTER, { id: created.id, version, patch: { name: `B${round}` } }, tokens.otherEditor),
      ]);
      const outcomes = [a, b].map((r) => (r.errors ? r.errors[0].extensions?.code : "ok")).sort();
      expect(outcomes).toEqual(["CONFLICT", "ok"]);
      const winner = (a.errors ? b : a).data!.updateChapter.name;
      const [row] = await h.dataSource.query(`SELECT name, version FROM chapter WHERE slug = 'race'`);
      expect(row).toEqual({ name: winner, version: version + 1 });
    }
    const [{ count }] = await h.dataSource.query(`SELECT count(*)::int AS count FROM audit_entry WHERE entity_type = 'chapter' AND entity_id = $1 AND action = 'update'`, [
      Number(Buffer.from(created.id, "base64url").toString().split(":")[1]),
    ]);
    expect(count).toBe(5);
  });

  it("refuses a duplicate slug with CONFLICT and invalid values with BAD_USER_INPUT naming each field, writing nothing", async () => {
    const before = await tableState();
    const duplicate = await gql(CREATE_CHAPTER, { input: chapterInput("kenya") }, tokens.editor);
    expect(duplicate.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(duplicate.errors?.[0]?.message).toMatch(/slug/);

    const invalid = await gql(CREATE_CHAPTER, { input: chapterInput("bad-values", { countryCode: "XX", slug: "Bad Slug", regionSlug: "atlantis" }) }, tokens.editor);
    expect(invalid.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(invalid.errors?.[0]?.extensions?.problems.map((p: { field: string }) => p.field).sort()).toEqual(["countryCode", "slug"]);

    // kind and status are the enums queries return: the import's lower-case words are not values of them.
    for (const wrong of [{ kind: "club" }, { kind: "chapter" }, { status: "active" }]) {
      const notAnEnumValue = await gql(CREATE_CHAPTER, { input: chapterInput("bad-enum", wrong) }, tokens.editor);
      expect(notAnEnumValue.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(notAnEnumValue.errors?.[0]?.message).toMatch(/Chapter(Kind|Status)/);
    }

    const unknownRegion = await gql(CREATE_CHAPTER, { input: chapterInput("bad-region", { regionSlug: "atlantis" }) }, tokens.editor);
    expect(unknownRegion.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", problems: [{ field: "regionSlug", message: 'no region has the slug "atlantis"' }] });

    const newSourceWithoutLicence = await gql(CREATE_CHAPTER, { input: chapterInput("no-licence", { sourceUrl: "https://example.org/new-source" }) }, tokens.editor);
    expect(newSourceWithoutLicence.errors?.[0]?.extensions?.problems[0].field).toBe("sourceLicenceId");

    const notAChapterId = await gql(UPDATE_CHAPTER, { id: Buffer.from("Fact:1").toString("base64url"), version: 1, patch: {} }, tokens.editor);
    expect(notAChapterId.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const missing = await gql(UPDATE_CHAPTER, { id: Buffer.from("Chapter:999999").toString("base64url"), version: 1, patch: {} }, tokens.editor);
    expect(missing.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(await tableState()).toBe(before);
  });

  it("stores text with SQL metacharacters, quotes and any Unicode exactly, and refuses what text cannot hold", async () => {
    const texts = [
      `Robert'); DROP TABLE chapter; --`,
      `"double" 'single' \`back\` \\ backslash $1 %s %% ; -- /* */`,
      `𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🌍🇧🇯 עברית العربية 中文 e\u0301 \u200b zero-width`,
      `line\nbreak\ttab\r\n`,
      "x".repeat(10_000),
    ];
    for (const [i, name] of texts.entries()) {
      const { createChapter } = await ok(CREATE_CHAPTER, { input: chapterInput(`text-${i}`, { name, evidenceNote: name }) }, tokens.editor);
      expect(createChapter.name).toBe(name);
      const [row] = await h.dataSource.query(`SELECT name, evidence_note FROM chapter WHERE slug = $1`, [`text-${i}`]);
      expect(row).toEqual({ name, evidence_note: name });
    }
    const before = await tableState();
    const tooLong = await gql(CREATE_CHAPTER, { input: chapterInput("refused-text", { name: "x".repeat(10_001) }) }, tokens.editor);
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", problems: [{ field: "name" }] });
    expect(tooLong.errors?.[0]?.message).toMatch(/at most 10,000 characters/);
    // A NUL is refused in every string variable before any resolver runs (src/graphql/string-input.ts).
    const nul = await gql(CREATE_CHAPTER, { input: chapterInput("refused-text", { name: "nul\u0000byte" }) }, tokens.editor);
    expect(nul.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", variableName: "input" });
    expect(nul.errors?.[0]?.message).toMatch(/\(at input\.name\) holds a NUL/);
    const badSlug = await gql(CREATE_CHAPTER, { input: chapterInput(`x'; DROP TABLE chapter; --`) }, tokens.editor);
    expect(badSlug.errors?.[0]?.extensions?.problems[0].field).toBe("slug");
    expect(await tableState()).toBe(before);
  });
});

describe("source licences", () => {
  const SOURCE_OF_NEW_CHAPTER = `mutation($input: ChapterInput!) { createChapter(input: $input) { source { url licenceId licenceNote licence } } }`;

  it("refuse an identifier that is not on the SPDX licence list (BAD_USER_INPUT naming sourceLicenceId), in an input or a patch, writing nothing", async () => {
    const before = await tableState();
    const unknown = await gql(CREATE_CHAPTER, { input: chapterInput("bad-licence", { sourceUrl: "https://example.org/bad-licence", sourceLicenceId: "CC-BY-4" }) }, tokens.editor);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", problems: [{ field: "sourceLicenceId", message: expect.stringContaining("SPDX licence identifier") }] });
    const words = await gql(CREATE_CHAPTER, { input: chapterInput("bad-licence", { sourceUrl: "https://example.org/bad-licence", sourceLicenceId: "CC BY 4.0" }) }, tokens.editor);
    expect(words.errors?.[0]?.extensions?.problems).toEqual([{ field: "sourceLicenceId", message: expect.stringContaining("licence note") }]);
    const wrongCase = await gql(CREATE_CHAPTER, { input: chapterInput("bad-licence", { sourceUrl: "https://example.org/bad-licence", sourceLicenceId: "cc-by-4.0" }) }, tokens.editor);
    expect(wrongCase.errors?.[0]?.extensions?.problems).toEqual([{ field: "sourceLicenceId", message: 'must be spelt as the SPDX licence list spells it: "CC-BY-4.0", not "cc-by-4.0"' }]);
    const { id, version } = await kenya();
    const patch = await gql(UPDATE_CHAPTER, { id, version, patch: { sourceUrl: "https://example.org/bad-licence", sourceLicenceId: "Not-A-Licence" } }, tokens.editor);
    expect(patch.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", problems: [{ field: "sourceLicenceId" }] });
    expect(await tableState()).toBe(before);
  });

  it("record a new source's SPDX identifier and note, and refuse a licence that contradicts a recorded source", async () => {
    const input = chapterInput("cc-by-source", { sourceUrl: "https://example.org/cc-by-page", sourceLicenceId: "CC-BY-4.0", sourceLicenceNote: "Keep the attribution." });
    const { createChapter } = await ok(SOURCE_OF_NEW_CHAPTER, { input }, tokens.editor);
    expect(createChapter.source).toEqual({ url: "https://example.org/cc-by-page", licenceId: "CC-BY-4.0", licenceNote: "Keep the attribution.", licence: "CC-BY-4.0" });
    const [row] = await h.dataSource.query(`SELECT licence_id, licence_note FROM source WHERE url = 'https://example.org/cc-by-page'`);
    expect(row).toEqual({ licence_id: "CC-BY-4.0", licence_note: "Keep the attribution." });

    const before = await tableState();
    const contradicting = await gql(CREATE_CHAPTER, { input: chapterInput("cc0-claim", { sourceUrl: "https://example.org/cc-by-page", sourceLicenceId: "CC0-1.0" }) }, tokens.editor);
    expect(contradicting.errors?.[0]?.extensions?.problems).toEqual([{ field: "sourceLicenceId", message: expect.stringContaining('is not the licence identifier recorded for https://example.org/cc-by-page ("CC-BY-4.0")') }]);
    expect(await tableState()).toBe(before);
  });

  it("still take the deprecated sourceLicence: an exact SPDX identifier as the identifier, other words as the note, never beside the new fields", async () => {
    const { createChapter: byId } = await ok(SOURCE_OF_NEW_CHAPTER, { input: chapterInput("legacy-id", { sourceUrl: "https://example.org/legacy-id", sourceLicence: "CC0-1.0" }) }, tokens.editor);
    expect(byId.source).toMatchObject({ licenceId: "CC0-1.0", licenceNote: null, licence: "CC0-1.0" });
    const { createChapter: byWords } = await ok(SOURCE_OF_NEW_CHAPTER, { input: chapterInput("legacy-words", { sourceUrl: "https://example.org/legacy-words", sourceLicence: "CC BY 4.0" }) }, tokens.editor);
    expect(byWords.source).toMatchObject({ licenceId: null, licenceNote: "CC BY 4.0", licence: "CC BY 4.0" });

    const before = await tableState();
    const both = await gql(CREATE_CHAPTER, { input: chapterInput("legacy-both", { sourceUrl: "https://example.org/legacy-both", sourceLicence: "CC0-1.0", sourceLicenceId: "CC0-1.0" }) }, tokens.editor);
    expect(both.errors?.[0]?.extensions?.problems).toEqual([{ field: "sourceLicence", message: expect.stringContaining("old single licence column") }]);
    expect(await tableState()).toBe(before);
  });
});

describe("archived records", () => {
  it("leave public lists, lookups, incremental sync and exports, and stay readable by editors, whose incremental sync shows them", async () => {
    const { createChapter: created } = await ok(CREATE_CHAPTER, { input: chapterInput("to-archive", { name: "ZZZ Archived Chapter" }) }, tokens.editor);
    const since = new Date(Date.now() - 60_000).toISOString();
    await ok(ARCHIVE_CHAPTER, { id: created.id, version: 1 }, tokens.editor);

    const lookups = `query($id: ID!) { chapter(slug: "to-archive") { name } node(id: $id) { id } chapters(first: 100, filter: { search: "ZZZ Archived" }) { totalCount } }`;
    expect((await ok(lookups, { id: created.id }, tokens.reader))).toEqual({ chapter: null, node: null, chapters: { totalCount: 0 } });
    expect((await gql(lookups, { id: created.id })).data).toEqual({ chapter: null, node: null, chapters: { totalCount: 0 } });
    expect(await ok(lookups, { id: created.id }, tokens.editor)).toEqual({ chapter: { name: "ZZZ Archived Chapter" }, node: { id: created.id }, chapters: { totalCount: 1 } });

    const sync = `query($since: DateTime) { chapters(since: $since, first: 100, filter: { search: "ZZZ Archived" }) { nodes { slug archivedAt } } }`;
    expect((await gql(sync, { since })).data!.chapters.nodes).toEqual([]);
    expect((await ok(sync, { since }, tokens.editor)).chapters.nodes).toEqual([{ slug: "to-archive", archivedAt: expect.any(String) }]);

    const exported = await (await fetch(`${base}/export/chapters.csv`)).text();
    expect(exported).not.toContain("to-archive");
    expect(exported).toContain("kenya");
  });
});

describe("editing membership, participation and facts", () => {
  it("records a snapshot, refuses a second one on the same date, and corrects it by version", async () => {
    const input = { chapterSlug: "kenya", takenOn: "2031-06-30", individualMembers: 120, organizationMembers: 3, sourceUrl: "https://example.org/kenya-agm-2031", sourceLicenceId: "CC-BY-4.0" };
    const { recordMembership: snapshot } = await ok(`mutation($i: MembershipInput!) { recordMembership(input: $i) { id date individualMembers synthetic version source { url licenceId licenceNote } } }`, { i: input }, tokens.editor);
    expect(snapshot).toMatchObject({ date: "2031-06-30", individualMembers: 120, synthetic: false, version: 1, source: { url: input.sourceUrl, licenceId: "CC-BY-4.0", licenceNote: null } });

    const again = await gql(`mutation($i: MembershipInput!) { recordMembership(input: $i) { id } }`, { i: input }, tokens.editor);
    expect(again.errors?.[0]?.extensions?.code).toBe("CONFLICT");

    const { correctMembership } = await ok(
      `mutation($id: ID!) { correctMembership(id: $id, version: 1, patch: { individualMembers: 125 }) { individualMembers organizationMembers version } }`, { id: snapshot.id }, tokens.editor,
    );
    expect(correctMembership).toEqual({ individualMembers: 125, organizationMembers: 3, version: 2 });

    const negative = await gql(`mutation($id: ID!) { correctMembership(id: $id, version: 2, patch: { individualMembers: -1 }) { id } }`, { id: snapshot.id }, tokens.editor);
    expect(negative.errors?.[0]?.extensions?.problems).toEqual([{ field: "individualMembers", message: "must not be negative (got -1)" }]);
  });

  it("sets a participation, changes it only with its version, and ends it", async () => {
    const SET = `mutation($i: ParticipationInput!, $v: Int) { setParticipation(input: $i, version: $v) { id since sincePrecision version archivedAt } }`;
    const input = { chapterSlug: "benin", programmeSlug: "chapterthon", since: "2024-05-01", sincePrecision: "MONTH", sourceUrl: "https://example.org/benin-chapterthon", sourceLicenceId: "CC-BY-4.0" };
    const { setParticipation: created } = await ok(SET, { i: input }, tokens.editor);
    expect(created).toMatchObject({ since: "2024-05-01", sincePrecision: "MONTH", version: 1, archivedAt: null });

    const withoutVersion = await gql(SET, { i: { ...input, since: "2023-01-01", sincePrecision: "YEAR" } }, tokens.editor);
    expect(withoutVersion.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "version" });

    // A year-only date: the year's first day with its precision, as queries answer it.
    const { setParticipation: changed } = await ok(SET, { i: { ...input, since: "2023-01-01", sincePrecision: "YEAR" }, v: 1 }, tokens.editor);
    expect(changed).toMatchObject({ id: created.id, since: "2023-01-01", sincePrecision: "YEAR", version: 2 });

    // The import's rule decides whether a precision fits the date: a year starts on 1 January.
    const before = await tableState();
    const misfit = await gql(SET, { i: { ...input, since: "2023-03-04", sincePrecision: "YEAR" }, v: 2 }, tokens.editor);
    expect(misfit.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", problems: [{ field: "sincePrecision" }] });
    expect(await tableState()).toBe(before);

    const { endParticipation } = await ok(`mutation($id: ID!) { endParticipation(id: $id, version: 2) { version archivedAt } }`, { id: created.id }, tokens.editor);
    expect(endParticipation.version).toBe(3);
    expect(endParticipation.archivedAt).toEqual(expect.any(String));
  });

  it("adds a fact reading its number and date from its wording, and re-reads them when a correction changes the wording", async () => {
    const input = { subject: "Internet Society", figure: "test figure", value: "1,234", asOf: "2030-03", sourceUrl: "https://example.org/figures", sourceLicenceNote: "facts only" };
    const { addFact: fact } = await ok(`mutation($i: FactInput!) { addFact(input: $i) { id value numericValue asOfDate asOfPrecision version } }`, { i: input }, tokens.editor);
    expect(fact).toMatchObject({ value: "1,234", numericValue: 1234, asOfDate: "2030-03-01", asOfPrecision: "MONTH", version: 1 });

    const { correctFact } = await ok(
      `mutation($id: ID!) { correctFact(id: $id, version: 1, patch: { value: "about 1,300", asOf: "2031" }) { value numericValue asOfDate asOfPrecision version } }`, { id: fact.id }, tokens.editor,
    );
    expect(correctFact).toEqual({ value: "about 1,300", numericValue: null, asOfDate: "2031-01-01", asOfPrecision: "YEAR", version: 2 });
  });
});

describe("one vocabulary: inputs take the enums and scalars queries answer with", () => {
  it("refuses a date that is not a Date (and a website that is not an http(s) URL) in every input, BAD_USER_INPUT naming the field, writing nothing", async () => {
    const chapter = await kenya();
    const { organization } = await ok(`{ organization { headlineFacts { id version } } }`, {}, tokens.editor);
    const fact = organization.headlineFacts[0];
    const { chapter: withData } = await ok(`{ chapter(slug: "${participant}") { membership { latest { id version } } } }`, {}, tokens.editor);
    const snapshot = withData.membership.latest;
    const membership = { chapterSlug: "kenya", individualMembers: 1, organizationMembers: 0, sourceUrl: seededSource };
    const participation = { chapterSlug: "benin", programmeSlug: "chapterthon", sincePrecision: "YEAR", sourceUrl: seededSource };
    const factInput = { subject: "Internet Society", figure: "bad date", value: "1", asOf: "2030", asOfPrecision: "YEAR", sourceUrl: seededSource };
    /** [the field as the error names it, the operation, its variables with `bad` in that field] */
    const cases: [string, string, (bad: unknown) => Record<string, unknown>][] = [
      ["input.foundedOn", CREATE_CHAPTER, (bad) => ({ input: chapterInput("bad-date", { foundedOn: bad }) })],
      ["patch.foundedOn", UPDATE_CHAPTER, (bad) => ({ id: chapter.id, version: chapter.version, patch: { foundedOn: bad } })],
      ["i.takenOn", `mutation($i: MembershipInput!) { recordMembership(input: $i) { id } }`, (bad) => ({ i: { ...membership, takenOn: bad } })],
      ["p.takenOn", `mutation($id: ID!, $v: Int!, $p: MembershipPatch!) { correctMembership(id: $id, version: $v, patch: $p) { id } }`, (bad) => ({ id: snapshot.id, v: snapshot.version, p: { takenOn: bad } })],
      ["i.since", `mutation($i: ParticipationInput!) { setParticipation(input: $i) { id } }`, (bad) => ({ i: { ...participation, since: bad } })],
      ["i.asOfDate", `mutation($i: FactInput!) { addFact(input: $i) { id } }`, (bad) => ({ i: { ...factInput, asOfDate: bad } })],
      ["p.asOfDate", `mutation($id: ID!, $v: Int!, $p: FactPatch!) { correctFact(id: $id, version: $v, patch: $p) { id } }`, (bad) => ({ id: fact.id, v: fact.version, p: { asOfDate: bad } })],
    ];
    const before = await tableState();
    // 2023-02-29 is no day; "2024" and "2024-05" are the partial forms the import reads from files, not Dates.
    for (const bad of ["2023-02-29", "2024", "2024-05", "31/12/2024", "2024-01-01T00:00:00Z", 20240101]) {
      for (const [field, query, variables] of cases) {
        const refused = await gql(query, variables(bad), tokens.editor);
        expect([field, bad, refused.errors?.[0]?.extensions?.code]).toEqual([field, bad, "BAD_USER_INPUT"]);
        expect(refused.errors?.[0]?.message).toContain(`at "${field}"`);
        expect(refused.data).toBeUndefined();
      }
    }
    for (const bad of ["javascript:alert(1)", "ftp://example.org/", "www.example.org", "/relative/path"]) {
      for (const [field, variables] of [
        ["input.website", { input: chapterInput("bad-website", { website: bad }) }],
        ["patch.website", { id: chapter.id, version: chapter.version, patch: { website: bad } }],
      ] as const) {
        const refused = await gql(field.startsWith("input") ? CREATE_CHAPTER : UPDATE_CHAPTER, variables, tokens.editor);
        expect([field, bad, refused.errors?.[0]?.extensions?.code]).toEqual([field, bad, "BAD_USER_INPUT"]);
        expect(refused.errors?.[0]?.message).toContain(`at "${field}"`);
        expect(refused.errors?.[0]?.message).toMatch(/absolute http or https URL/);
      }
    }
    // Written into the document rather than sent as a variable: refused before anything runs, the error located at the value.
    const document = `mutation { createChapter(input: { name: "Literal", kind: CHAPTER, status: ACTIVE, foundedOn: "2023-02-30", sourceUrl: "${seededSource}" }) { id } }`;
    const literal = await gql(document, {}, tokens.editor);
    expect(literal.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(literal.errors?.[0]?.message).toMatch(/Date cannot represent an invalid date-string 2023-02-30/);
    expect((literal.errors?.[0] as { locations?: unknown } | undefined)?.locations).toEqual([{ line: 1, column: document.indexOf('"2023-02-30"') + 1 }]);
    expect(await tableState()).toBe(before);
    const [{ entries }] = await h.dataSource.query(`SELECT count(*)::int AS entries FROM audit_entry WHERE entity_type = 'chapter' AND after->>'slug' IN ('bad-date', 'bad-website')`);
    expect(entries).toBe(0);
  });

  it("takes back, unchanged, what queries answer: kind, status, dates, precisions and website; audit entries read as enums", async () => {
    const { createChapter: created } = await ok(CREATE_CHAPTER, { input: chapterInput("round-trip", { kind: "SIG", foundedOn: "2019-06-15", website: "https://round-trip.example.org/a?b=c" }) }, tokens.editor);
    const { chapter } = await ok(`{ chapter(slug: "round-trip") { id version kind status foundedOn website } }`, {}, tokens.editor);
    expect(chapter).toEqual({ id: created.id, version: 1, kind: "SIG", status: "ACTIVE", foundedOn: "2019-06-15", website: "https://round-trip.example.org/a?b=c" });
    const { id, version, ...copied } = chapter;
    const { updateChapter: updated } = await ok(
      `mutation($id: ID!, $version: Int!, $patch: ChapterPatch!) { updateChapter(id: $id, version: $version, patch: $patch) { version kind status foundedOn website } }`,
      { id, version, patch: copied }, tokens.editor,
    );
    expect(updated).toEqual({ ...copied, version: 2 });

    // A year-only participation: its Date and precision, copied from the answer, set it again as it was.
    const SET = `mutation($i: ParticipationInput!, $v: Int) { setParticipation(input: $i, version: $v) { id since sincePrecision version } }`;
    const input = { chapterSlug: "round-trip", programmeSlug: "chapterthon", since: "2021-01-01", sincePrecision: "YEAR", sourceUrl: seededSource };
    const { setParticipation: set } = await ok(SET, { i: input }, tokens.editor);
    const { setParticipation: again } = await ok(SET, { i: { ...input, since: set.since, sincePrecision: set.sincePrecision }, v: set.version }, tokens.editor);
    expect(again).toEqual({ id: set.id, since: "2021-01-01", sincePrecision: "YEAR", version: set.version + 1 });
    const [row] = await h.dataSource.query(`SELECT since::text, since_precision FROM participation WHERE id = $1`, [Number(Buffer.from(set.id, "base64url").toString().split(":")[1])]);
    expect(row).toEqual({ since: "2021-01-01", since_precision: "year" });

    const { addFact: fact } = await ok(
      `mutation($i: FactInput!) { addFact(input: $i) { id version asOfDate asOfPrecision } }`,
      { i: { subject: "Internet Society", figure: "round trip", value: "7", asOf: "March 2030", asOfDate: "2030-03-01", asOfPrecision: "MONTH", sourceUrl: seededSource } }, tokens.editor,
    );
    const { correctFact } = await ok(
      `mutation($id: ID!, $v: Int!, $p: FactPatch!) { correctFact(id: $id, version: $v, patch: $p) { asOfDate asOfPrecision version } }`,
      { id: fact.id, v: fact.version, p: { asOfDate: fact.asOfDate, asOfPrecision: fact.asOfPrecision } }, tokens.editor,
    );
    expect(correctFact).toEqual({ asOfDate: "2030-03-01", asOfPrecision: "MONTH", version: 2 });

    // The audit log answers with enums, and a value it answers filters it.
    const AUDIT = `query($filter: AuditLogFilter) { auditLog(filter: $filter) { totalCount nodes { action recordType recordId } } }`;
    const { auditLog } = await ok(AUDIT, { filter: { recordId: created.id } }, tokens.admin);
    expect(auditLog.nodes).toEqual([
      { action: "UPDATE", recordType: "Chapter", recordId: created.id },
      { action: "CREATE", recordType: "Chapter", recordId: created.id },
    ]);
    const [latest] = auditLog.nodes;
    const { auditLog: filtered } = await ok(AUDIT, { filter: { action: latest.action, recordType: latest.recordType, recordId: latest.recordId } }, tokens.admin);
    expect(filtered.nodes).toEqual([latest]);
    for (const filter of [{ action: "update" }, { recordType: "chapter" }, { recordType: "AuditEntry" }]) {
      expect((await gql(AUDIT, { filter }, tokens.admin)).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    }
    expect((await ok(`{ rateLimit { role } }`, {}, tokens.editor)).rateLimit.role).toBe("EDITOR");
  });
});
