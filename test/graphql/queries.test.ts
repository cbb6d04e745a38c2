/**
 * Every top-level query, and every nested field, returns the seeded data.
 *
 * Expected values come from seed-data/ read from disk here, or from SQL
 * written here independently of the repositories, never from the code under
 * test.
 */
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { openHarness, type Harness } from "../support/harness";

const SEED_DIR = path.join(__dirname, "..", "..", "seed-data");
const ABOUT_URL = "seed-data/isoc-about.txt";
const SYNTHETIC_URL = "urn:isoc-open-data:synthetic:membership:v1";

const organizationJson = JSON.parse(fs.readFileSync(path.join(SEED_DIR, "organization.json"), "utf8"));
const programmesJson: { slug: string; name: string; area: string; description: string; evidenceUrl: string }[] = JSON.parse(
  fs.readFileSync(path.join(SEED_DIR, "programmes.json"), "utf8"),
);
const aboutText = fs.readFileSync(path.join(SEED_DIR, "isoc-about.txt"), "utf8");
const csv = (file: string): Record<string, string>[] => parse(fs.readFileSync(path.join(SEED_DIR, file)), { columns: true, skip_empty_lines: true });
const chaptersCsv = csv("chapters.csv");
const awardsCsv = csv("awards.csv");
const factsCsv = csv("facts.csv");
const participationCsv = csv("participation.csv");

/** A global ID for a row that does not exist; IDs are opaque to clients, but a test needs one that is well-formed. */
const missingId = (type: string, key: string | number) => Buffer.from(`${type}:${key}`, "utf8").toString("base64url");

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

/** Runs a query that must succeed and returns its data. */
async function ok(query: string, variables?: Record<string, unknown>): Promise<Record<string, any>> {
  const result = await h.run(query, variables);
  expect(result.errors).toBeUndefined();
  expect(result.data).toBeTruthy();
  return result.data!;
}

describe("organization", () => {
  it("returns the name, mission, vision, about, platform goals and what-we-do of organization.json", async () => {
    const { organization } = await ok(`{ organization { name mission vision about platformGoals whatWeDo } }`);
    expect(organization).toEqual({
      name: organizationJson.name,
      mission: organizationJson.mission,
      vision: organizationJson.vision,
      about: organizationJson.about,
      platformGoals: organizationJson.platformGoals,
      whatWeDo: organizationJson.whatWeDo,
    });
    expect(organization.vision).toBe("The Internet is for everyone.");
  });

  it("lists the offices with their countries and quotes", async () => {
    const { organization } = await ok(`{ organization { offices { id city quote country { id code name } source { url synthetic } } } }`);
    const offices = organization.offices;
    expect(offices.map((o: any) => ({ city: o.city, countryCode: o.country.code, quote: o.quote }))).toEqual(organizationJson.offices);
    const names = await h.dataSource.query(`SELECT code, name FROM country WHERE code IN ('US', 'CH') ORDER BY code`);
    expect(offices.find((o: any) => o.city === "Reston").country.name).toBe(names.find((n: any) => n.code === "US").name);
    expect(offices.find((o: any) => o.city === "Geneva").country.name).toBe(names.find((n: any) => n.code === "CH").name);
    for (const office of offices) {
      expect(office.source).toEqual({ url: ABOUT_URL, synthetic: false });
      expect(aboutText).toContain(office.quote);
    }
  });

  it("gives the headline figures of its description, undated, marked headline, cited to the description", async () => {
    const { organization } = await ok(`{ organization {
      headlineFacts { subject figure value numericValue asOf asOfDate asOfPrecision headline source { url synthetic } }
    } }`);
    expect(organization.headlineFacts).toEqual(
      organizationJson.headlineFigures.map((f: { figure: string; value: string }) => ({
        subject: "Internet Society",
        figure: f.figure,
        value: f.value,
        numericValue: /^\d+$/.test(f.value) ? Number(f.value) : null,
        asOf: "undated",
        asOfDate: null,
        asOfPrecision: null,
        headline: true,
        source: { url: ABOUT_URL, synthetic: false },
      })),
    );
  });

  it("cites the description document as a real (not synthetic) source", async () => {
    const { organization } = await ok(`{ organization { source { url title licenceId licenceNote note retrievedOn synthetic } } }`);
    expect(organization.source).toMatchObject({ url: ABOUT_URL, synthetic: false, retrievedOn: null });
    expect(organization.source.licenceId).toBeNull();
    expect(organization.source.licenceNote).toMatch(/© Internet Society.*not covered by this project's data licence/);
    expect(fs.existsSync(path.join(SEED_DIR, "..", organization.source.url))).toBe(true);
  });
});

describe("principles", () => {
  const EXPECTED_TITLES = [
    "The Ability to Connect",
    "The Ability to Speak",
    "The Ability to Innovate",
    "The Ability to Share",
    "The Ability to Choose",
    "The Ability to Trust",
  ];

  it("are the six principles of organization.json, in order, with their exact titles and statements", async () => {
    const { principles } = await ok(`{ principles { position title statement } }`);
    expect(principles.map((p: any) => p.title)).toEqual(EXPECTED_TITLES);
    expect(principles).toEqual(
      organizationJson.principles.map((p: { title: string; statement: string }, i: number) => ({ position: i + 1, title: p.title, statement: p.statement })),
    );
  });

  it("quote the description verbatim: each statement follows its title in isoc-about.txt", async () => {
    const { principles } = await ok(`{ principles { title statement source { url synthetic } } }`);
    expect(principles).toHaveLength(6);
    for (const principle of principles) {
      expect(aboutText).toContain(principle.statement);
      expect(aboutText).toContain(`${principle.title}. ${principle.statement}`);
      expect(principle.source).toEqual({ url: ABOUT_URL, synthetic: false });
    }
  });
});

describe("coreValues", () => {
  it("are the core values of organization.json, in order, verbatim", async () => {
    const { coreValues } = await ok(`{ coreValues { position statement source { url synthetic } } }`);
    expect(coreValues).toEqual(
      organizationJson.coreValues.map((statement: string, i: number) => ({ position: i + 1, statement, source: { url: ABOUT_URL, synthetic: false } })),
    );
    for (const value of coreValues) expect(aboutText).toContain(value.statement);
  });
});

describe("objectives(kind)", () => {
  const strategic = () => organizationJson.objectives.strategic.map((text: string, i: number) => ({ kind: "STRATEGIC", ordinal: i + 1, text }));
  const operational = () => organizationJson.objectives.operational.map((text: string, i: number) => ({ kind: "OPERATIONAL", ordinal: i + 1, text }));

  it("STRATEGIC gives the 4 strategic objectives in order", async () => {
    const { objectives } = await ok(`{ objectives(kind: STRATEGIC) { kind ordinal text } }`);
    expect(objectives).toHaveLength(4);
    expect(objectives).toEqual(strategic());
  });

  it("OPERATIONAL gives the 3 operational objectives in order", async () => {
    const { objectives } = await ok(`{ objectives(kind: OPERATIONAL) { kind ordinal text } }`);
    expect(objectives).toHaveLength(3);
    expect(objectives).toEqual(operational());
  });

  it("without a kind gives all 7, strategic first, each kind in order", async () => {
    const { objectives } = await ok(`{ objectives { kind ordinal text source { url synthetic } } }`);
    expect(objectives.map(({ kind, ordinal, text }: any) => ({ kind, ordinal, text }))).toEqual([...strategic(), ...operational()]);
    for (const o of objectives) expect(o.source).toEqual({ url: ABOUT_URL, synthetic: false });
  });
});

describe("activities(group)", () => {
  type Group = { slug: string; title: string; items: string[] };
  const groups: Group[] = organizationJson.activityGroups;
  const expected = (g: Group) => g.items.map((text, i) => ({ group: g.slug, groupTitle: g.title, ordinal: i + 1, text }));

  it.each(groups.map((g) => [g.slug, g]))("group %s gives its items in order with the group's heading", async (slug, group) => {
    const { activities } = await ok(`query($g: String) { activities(group: $g) { group groupTitle ordinal text source { url synthetic } } }`, { g: slug });
    expect(activities.map(({ source: _source, ...a }: any) => a)).toEqual(expected(group as Group));
    for (const a of activities) expect(a.source).toEqual({ url: ABOUT_URL, synthetic: false });
  });

  it("without a group gives every group's items, group by group", async () => {
    const { activities } = await ok(`{ activities { group groupTitle ordinal text } }`);
    expect(activities).toEqual(groups.flatMap(expected));
  });

  it("gives an empty list for an unknown group", async () => {
    expect((await ok(`{ activities(group: "no-such-group") { text } }`)).activities).toEqual([]);
  });
});

describe("programmes(area) and programme(slug)", () => {
  const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

  it("programmes lists every programme of programmes.json, by name", async () => {
    const { programmes } = await ok(`{ programmes { slug name area description source { url } } }`);
    expect(programmes).toEqual(
      [...programmesJson].sort(byName).map((p) => ({ slug: p.slug, name: p.name, area: p.area, description: p.description, source: { url: p.evidenceUrl } })),
    );
  });

  it("programmes(area) filters by area, case-insensitively", async () => {
    const education = programmesJson.filter((p) => p.area === "Education & Leadership").sort(byName);
    expect(education.length).toBe(2);
    expect((await ok(`{ programmes(area: "Education & Leadership") { slug } }`)).programmes).toEqual(education.map((p) => ({ slug: p.slug })));
    expect((await ok(`{ programmes(area: "education & leadership") { slug } }`)).programmes).toEqual(education.map((p) => ({ slug: p.slug })));
    expect((await ok(`{ programmes(area: "GRANTS & AWARDS") { slug } }`)).programmes).toEqual([{ slug: "chapterthon" }]);
    // An area no programme has is refused (test/graphql/errors.test.ts), not an empty list.
    expect((await h.run(`{ programmes(area: "Nothing") { slug } }`)).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("programme(slug) returns the programme, and null for an unknown slug", async () => {
    const { programme, missing } = await ok(`{ programme(slug: "chapterthon") { slug name area description } missing: programme(slug: "no-such-programme") { slug } }`);
    const seed = programmesJson.find((p) => p.slug === "chapterthon")!;
    expect(programme).toEqual({ slug: seed.slug, name: seed.name, area: seed.area, description: seed.description });
    expect(missing).toBeNull();
  });

  it("programme.chapters lists participation.csv's chapters, earliest first, with since, precision and source", async () => {
    const { programme } = await ok(`{ programme(slug: "chapterthon") {
      chapters { id since sincePrecision evidenceNote chapter { name } programme { slug } source { url synthetic } }
    } }`);
    const rows = participationCsv.filter((r) => r.programme_slug === "chapterthon");
    expect(programme.chapters).toHaveLength(rows.length);
    expect(programme.chapters.map((p: any) => p.since)).toEqual(programme.chapters.map((p: any) => p.since).sort());
    const expected = rows
      .map((r) => ({
        since: `${r.since}-01-01`,
        sincePrecision: "YEAR",
        evidenceNote: r.evidence_note,
        chapter: { name: r.chapter_name },
        programme: { slug: "chapterthon" },
        source: { url: r.evidence_url, synthetic: false },
      }))
      .sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0));
    expect(programme.chapters.map(({ id: _id, ...p }: any) => p)).toEqual(expect.arrayContaining(expected));
    expect(programme.chapters.map((p: any) => p.since)).toEqual(expected.map((p) => p.since));
  });
});

describe("awards(name, year)", () => {
  const AWARD_QUERY = `query($name: String, $year: Int, $ryear: Int) {
    awards(name: $name, year: $year) { id slug name recipients(year: $ryear) { id year recipient award { id name } source { url synthetic } } }
  }`;

  it("lists both awards by name, each with every recipient of awards.csv by year", async () => {
    const { awards } = await ok(AWARD_QUERY);
    expect(awards.map((a: any) => a.name)).toEqual(["Itojun Service Award", "Jonathan B. Postel Service Award"]);
    expect(awards.map((a: any) => a.slug)).toEqual(["itojun-service-award", "jonathan-b-postel-service-award"]);
    for (const award of awards) {
      const rows = awardsCsv.filter((r) => r.award === award.name).sort((a, b) => Number(a.year) - Number(b.year));
      expect(award.recipients.map((r: any) => ({ year: r.year, recipient: r.recipient, url: r.source.url }))).toEqual(
        rows.map((r) => ({ year: Number(r.year), recipient: r.recipient, url: r.evidence_url })),
      );
      for (const recipient of award.recipients) {
        expect(recipient.award).toEqual({ id: award.id, name: award.name });
        expect(recipient.source.synthetic).toBe(false);
      }
    }
  });

  it("keeps two recipients of one year in one entry, as the source lists them", async () => {
    const { awards } = await ok(AWARD_QUERY, { name: "postel", ryear: 2006 });
    expect(awards[0].recipients.map((r: any) => r.recipient)).toEqual(["Bob Braden and Joyce K. Reynolds"]);
  });

  it("name matches part of the name, case-insensitively", async () => {
    expect((await ok(AWARD_QUERY, { name: "POSTEL" })).awards.map((a: any) => a.name)).toEqual(["Jonathan B. Postel Service Award"]);
    expect((await ok(AWARD_QUERY, { name: "itojun" })).awards.map((a: any) => a.name)).toEqual(["Itojun Service Award"]);
    expect((await ok(AWARD_QUERY, { name: "Service Award" })).awards).toHaveLength(2);
    expect((await ok(AWARD_QUERY, { name: "Turing" })).awards).toEqual([]);
  });

  it("year keeps only the awards given that year", async () => {
    expect((await ok(AWARD_QUERY, { year: 2024 })).awards).toHaveLength(2);
    expect((await ok(AWARD_QUERY, { year: 2000 })).awards.map((a: any) => a.name)).toEqual(["Jonathan B. Postel Service Award"]);
    // No public source covers 2021 for either award: absent, not empty.
    expect((await ok(AWARD_QUERY, { year: 2021 })).awards).toEqual([]);
  });

  it("recipients(year) gives that year's recipients only; a year with none is an empty list", async () => {
    const { awards } = await ok(AWARD_QUERY, { ryear: 2024 });
    const byName = Object.fromEntries(awards.map((a: any) => [a.name, a.recipients.map((r: any) => [r.year, r.recipient])]));
    expect(byName).toEqual({ "Itojun Service Award": [[2024, "Jen Linkova"]], "Jonathan B. Postel Service Award": [[2024, "Steve Crocker and Xing Li"]] });
    const itojun2012 = await ok(AWARD_QUERY, { name: "itojun", ryear: 2012 });
    expect(itojun2012.awards[0].recipients).toEqual([]);
  });
});

describe("chapter(slug)", () => {
  const CHAPTER_FIELDS = `id slug name kind status evidenceNote foundedOn website
    country { id code name } region { id slug name }
    programmes { since sincePrecision programme { slug } chapter { slug } }
    source { url synthetic retrievedOn }`;

  it("returns the chapter of chapters.csv with its country, region and source", async () => {
    const { chapter } = await ok(`{ chapter(slug: "benin") { ${CHAPTER_FIELDS} } }`);
    const row = chaptersCsv.find((r) => r.name === "Benin Chapter")!;
    const [country] = await h.dataSource.query(`SELECT name FROM country WHERE code = 'BJ'`);
    expect(chapter).toMatchObject({
      slug: "benin",
      name: "Benin Chapter",
      kind: "CHAPTER",
      status: "ACTIVE",
      evidenceNote: row.evidence_note,
      country: { code: "BJ", name: country.name },
      region: { slug: "africa", name: "Africa" },
      programmes: [],
      source: { url: row.evidence_url, synthetic: false, retrievedOn: "2026-11-28" },
    });
  });

  it("lists the programmes it takes part in", async () => {
    const { chapter } = await ok(`{ chapter(slug: "us-new-york") { ${CHAPTER_FIELDS} } }`);
    expect(chapter.programmes).toEqual([{ since: "2019-01-01", sincePrecision: "YEAR", programme: { slug: "chapterthon" }, chapter: { slug: "us-new-york" } }]);
    expect(chapter.region).toMatchObject({ slug: "north-america" });
    expect(chapter.country).toMatchObject({ code: "US" });
  });

  it("gives a special interest group no country and no region", async () => {
    const { chapter } = await ok(`{ chapter(slug: "internet-of-things-sig") { ${CHAPTER_FIELDS} } }`);
    expect(chapter).toMatchObject({ kind: "SIG", status: "INACTIVE", country: null, region: null });
  });

  it("reports an inactive chapter as INACTIVE", async () => {
    const { chapter } = await ok(`{ chapter(slug: "cambodia") { status kind } }`);
    expect(chapter).toEqual({ status: "INACTIVE", kind: "CHAPTER" });
  });

  it("is null for an unknown slug", async () => {
    const result = await h.run(`{ chapter(slug: "no-such-chapter") { id } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ chapter: null });
  });

  describe("membership", () => {
    const SNAPSHOT = `id date individualMembers organizationMembers synthetic source { url synthetic licenceId } chapter { slug }`;

    it("latest is the most recent snapshot, marked synthetic with a synthetic source", async () => {
      const { chapter } = await ok(`{ chapter(slug: "benin") { membership { latest { ${SNAPSHOT} } } } }`);
      const [expected] = await h.dataSource.query(
        `SELECT to_char(m.taken_on, 'YYYY-MM-DD') AS date, m.individual_members AS "individualMembers", m.organization_members AS "organizationMembers"
           FROM membership_snapshot m JOIN chapter c ON c.id = m.chapter_id WHERE c.slug = 'benin' ORDER BY m.taken_on DESC LIMIT 1`,
      );
      expect(chapter.membership.latest).toMatchObject({ ...expected, synthetic: true, source: { url: SYNTHETIC_URL, synthetic: true }, chapter: { slug: "benin" } });
    });

    it("history(from, to) gives the snapshots between the dates, both included, oldest first", async () => {
      const { chapter } = await ok(`{ chapter(slug: "kenya") { membership { history(from: "2024-01-01", to: "2024-06-01") { ${SNAPSHOT} } } } }`);
      const expected = await h.dataSource.query(
        `SELECT to_char(m.taken_on, 'YYYY-MM-DD') AS date, m.individual_members AS "individualMembers", m.organization_members AS "organizationMembers"
           FROM membership_snapshot m JOIN chapter c ON c.id = m.chapter_id
          WHERE c.slug = 'kenya' AND m.taken_on BETWEEN '2024-01-01' AND '2024-06-01' ORDER BY m.taken_on`,
      );
      expect(expected).toHaveLength(6);
      const history = chapter.membership.history;
      expect(history.map(({ date, individualMembers, organizationMembers }: any) => ({ date, individualMembers, organizationMembers }))).toEqual(expected);
      expect(history[0].date).toBe("2024-01-01");
      expect(history.at(-1).date).toBe("2024-06-01");
      for (const s of history) {
        expect(s.synthetic).toBe(true);
        expect(s.source).toMatchObject({ url: SYNTHETIC_URL, synthetic: true });
        expect(s.chapter).toEqual({ slug: "kenya" });
      }
    });

    it("history without bounds gives every snapshot; with one bound, from or up to it", async () => {
      const { chapter } = await ok(`{ chapter(slug: "kenya") { membership {
        all: history { date } from: history(from: "2025-07-15") { date } to: history(to: "2016-03-01") { date }
      } } }`);
      const [{ count, first, last }] = await h.dataSource.query(
        `SELECT count(*)::int AS count, to_char(min(taken_on), 'YYYY-MM-DD') AS first, to_char(max(taken_on), 'YYYY-MM-DD') AS last
           FROM membership_snapshot m JOIN chapter c ON c.id = m.chapter_id WHERE c.slug = 'kenya'`,
      );
      const { all, from, to } = chapter.membership;
      expect(all).toHaveLength(count);
      expect(all[0].date).toBe(first);
      expect(all.at(-1).date).toBe(last);
      expect(from.map((s: any) => s.date)).toEqual(all.map((s: any) => s.date).filter((d: string) => d >= "2025-07-15"));
      expect(to.map((s: any) => s.date)).toEqual(["2016-01-01", "2016-02-01", "2016-03-01"]);
    });

    it("a chapter without snapshots has latest null and an empty history", async () => {
      const { chapter } = await ok(`{ chapter(slug: "cambodia") { membership { latest { id } history { id } } } }`);
      expect(chapter.membership).toEqual({ latest: null, history: [] });
    });
  });
});

describe("regions and region(slug)", () => {
  it("regions lists the six regions of chapters.csv, by name", async () => {
    const { regions } = await ok(`{ regions { id slug name } }`);
    const names = [...new Set(chaptersCsv.map((r) => r.region).filter(Boolean))].sort();
    expect(regions.map((r: any) => r.name)).toEqual(names);
    expect(regions.map((r: any) => r.slug)).toEqual(["africa", "asia-pacific", "europe", "latin-america-caribbean", "middle-east", "north-america"]);
  });

  it("region(slug) returns the region with its chapters connection", async () => {
    const { region } = await ok(`{ region(slug: "latin-america-caribbean") { slug name chapters(first: 100) { totalCount nodes { name region { slug } } } } }`);
    const names = chaptersCsv.filter((r) => r.region === "Latin America & Caribbean").map((r) => r.name);
    expect(region.name).toBe("Latin America & Caribbean");
    expect(region.chapters.totalCount).toBe(names.length);
    expect(region.chapters.nodes.map((n: any) => n.name).sort()).toEqual([...names].sort());
    for (const n of region.chapters.nodes) expect(n.region).toEqual({ slug: "latin-america-caribbean" });
  });

  it("region(slug) is null for an unknown slug", async () => {
    const result = await h.run(`{ region(slug: "antarctica") { id } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ region: null });
  });

  describe("memberTotals(at)", () => {
    /** The totals computed here, independently: per chapter of the region, the snapshot with the greatest date on or before `at`. */
    async function expectedTotals(slug: string, at: string) {
      const [row] = await h.dataSource.query(
        `WITH latest AS (
           SELECT ms.chapter_id, max(ms.taken_on) AS taken_on FROM membership_snapshot ms WHERE ms.taken_on <= $2::date GROUP BY ms.chapter_id
         )
         SELECT count(*)::int AS "chapterCount",
                coalesce(sum(ms.individual_members), 0)::int AS "individualMembers",
                coalesce(sum(ms.organization_members), 0)::int AS "organizationMembers",
                coalesce(bool_or(s.synthetic), false) AS synthetic
           FROM latest
           JOIN membership_snapshot ms ON ms.chapter_id = latest.chapter_id AND ms.taken_on = latest.taken_on
           JOIN source s ON s.id = ms.source_id
           JOIN chapter c ON c.id = ms.chapter_id
           JOIN region r ON r.id = c.region_id
          WHERE r.slug = $1`,
        [slug, at],
      );
      return row;
    }

    it.each([
      ["africa", "2020-06-30"],
      ["africa", "2020-06-01"],
      ["europe", "2016-01-01"],
      ["asia-pacific", "2023-02-14"],
      ["north-america", "2030-01-01"],
    ])("of %s at %s equal the sum of each chapter's latest snapshot on or before the date", async (slug, at) => {
      const { region } = await ok(`query($slug: String!, $at: Date) { region(slug: $slug) {
        memberTotals(at: $at) { at chapterCount individualMembers organizationMembers synthetic }
      } }`, { slug, at });
      const expected = await expectedTotals(slug, at);
      expect(expected.chapterCount).toBeGreaterThan(0);
      expect(region.memberTotals).toEqual({ at, ...expected });
      expect(region.memberTotals.synthetic).toBe(true);
    });

    it("before the first snapshot count no chapters and sum to zero, not synthetic", async () => {
      const { region } = await ok(`{ region(slug: "africa") { memberTotals(at: "2015-12-31") { at chapterCount individualMembers organizationMembers synthetic } } }`);
      expect(region.memberTotals).toEqual({ at: "2015-12-31", chapterCount: 0, individualMembers: 0, organizationMembers: 0, synthetic: false });
    });

    it("without a date are today's totals", async () => {
      const today = new Date().toISOString().slice(0, 10);
      const { region } = await ok(`{ region(slug: "europe") { memberTotals { at chapterCount individualMembers organizationMembers synthetic } } }`);
      expect(region.memberTotals).toEqual({ at: today, ...(await expectedTotals("europe", today)) });
    });

    it("of every region in one query each match the independent sum", async () => {
      const { regions } = await ok(`{ regions { slug memberTotals(at: "2019-09-09") { chapterCount individualMembers organizationMembers synthetic } } }`);
      for (const region of regions) expect(region.memberTotals).toEqual(await expectedTotals(region.slug, "2019-09-09"));
    });
  });
});

describe("countries", () => {
  it("lists every country of the database, by name, with code and name", async () => {
    const { countries } = await ok(`{ countries { id code name } }`);
    const rows: { code: string; name: string }[] = await h.dataSource.query(`SELECT code, name FROM country ORDER BY name`);
    expect(rows.length).toBeGreaterThanOrEqual(249);
    expect(countries.map(({ code, name }: any) => ({ code, name }))).toEqual(rows);
    expect(countries.find((c: any) => c.code === "BJ").name).toBe("Benin");
    expect(new Set(countries.map((c: any) => c.id)).size).toBe(rows.length);
  });
});

describe("facts(subject, figure)", () => {
  const FACT = `id subject figure value numericValue asOf asOfDate asOfPrecision headline source { url synthetic }`;

  it('figure "chapters" gives the dated rows oldest first, then the undated ones', async () => {
    const { facts } = await ok(`{ facts(subject: "Internet Society", figure: "chapters") { ${FACT} } }`);
    const csvRows = factsCsv.filter((r) => r.subject === "Internet Society" && r.figure === "chapters");
    expect(facts).toHaveLength(csvRows.length + 1); // and the headline "113 Chapters" of the description
    const dated = facts.filter((f: any) => f.asOfDate !== null);
    const undated = facts.filter((f: any) => f.asOfDate === null);
    expect(facts).toEqual([...dated, ...undated]);
    expect(dated.map((f: any) => [f.asOfDate, f.asOf, f.value])).toEqual([
      ["2000-08-24", "2000-08-24", "58"],
      ["2006-02-21", "2006-02-21", "80+"],
      ["2007-05-04", "2007-05-04", "80+ (many more forming)"],
      ["2011-02-01", "2011-02", "80"],
      ["2015-01-01", "2015", "113 (in 97 countries)"],
    ]);
    expect(undated.map((f: any) => f.value).sort()).toEqual(["113", "90+", "over 80 (two in India)"]);
    for (const f of facts) expect(f.figure).toBe("chapters");
  });

  it("parses only plain numbers and keeps the source's wording", async () => {
    const { facts } = await ok(`{ facts(figure: "chapters") { ${FACT} } }`);
    const byValue = Object.fromEntries(facts.map((f: any) => [f.value, f.numericValue]));
    expect(byValue["58"]).toBe(58);
    expect(byValue["80"]).toBe(80);
    expect(byValue["80+"]).toBeNull();
    expect(byValue["113 (in 97 countries)"]).toBeNull();
    expect(byValue["over 80 (two in India)"]).toBeNull();
    const { facts: members } = await ok(`{ facts(figure: "Asia-Pacific chapter members") { value numericValue } }`);
    expect(members).toEqual([{ value: "18,632", numericValue: 18632 }]);
  });

  it("gives the precision of each date: DAY, MONTH, YEAR, or null when undated", async () => {
    const { facts } = await ok(`{ facts(figure: "chapters") { asOf asOfDate asOfPrecision } }`);
    const precision = Object.fromEntries(facts.map((f: any) => [f.asOf, f.asOfPrecision]));
    expect(precision["2000-08-24"]).toBe("DAY");
    expect(precision["2011-02"]).toBe("MONTH");
    expect(precision["2015"]).toBe("YEAR");
    expect(precision["undated (wiki mirror)"]).toBeNull();
    for (const f of facts) expect(f.asOfDate === null).toBe(f.asOfPrecision === null);
  });

  it("cites each public fact's evidence page, not synthetic; only the headline figures are marked headline", async () => {
    const { facts } = await ok(`{ facts(figure: "chapters") { ${FACT} } }`);
    for (const f of facts) {
      expect(f.source.synthetic).toBe(false);
      if (f.headline) expect(f.source.url).toBe(ABOUT_URL);
      else expect(factsCsv.some((r) => r.figure === "chapters" && r.as_of === f.asOf && r.value === f.value && r.evidence_url === f.source.url)).toBe(true);
    }
    expect(facts.filter((f: any) => f.headline).map((f: any) => f.value)).toEqual(["113"]);
  });

  it("matches subject and figure exactly but case-insensitively", async () => {
    const lower = await ok(`{ facts(subject: "internet society", figure: "CHAPTERS") { id } }`);
    const exact = await ok(`{ facts(subject: "Internet Society", figure: "chapters") { id } }`);
    expect(lower.facts).toEqual(exact.facts);
    expect((await ok(`{ facts(figure: "chapter") { id } }`)).facts).toEqual([]);
  });

  it("without arguments gives every fact of facts.csv and the headline figures, dated oldest first, undated last", async () => {
    const { facts } = await ok(`{ facts { asOfDate subject figure } }`);
    expect(facts).toHaveLength(factsCsv.length + organizationJson.headlineFigures.length);
    const dates = facts.map((f: any) => f.asOfDate);
    const firstUndated = dates.indexOf(null);
    expect(firstUndated).toBeGreaterThan(0);
    expect(dates.slice(firstUndated).every((d: string | null) => d === null)).toBe(true);
    const dated = dates.slice(0, firstUndated);
    expect(dated).toEqual([...dated].sort());
  });

  it("subject filters to one chapter's facts", async () => {
    const subject = "Internet Society Nepal Chapter";
    const { facts } = await ok(`query($s: String) { facts(subject: $s) { subject figure value } }`, { s: subject });
    const rows = factsCsv.filter((r) => r.subject === subject);
    expect(rows.length).toBeGreaterThan(0);
    expect(facts.map((f: any) => [f.figure, f.value]).sort()).toEqual(rows.map((r) => [r.figure, r.value]).sort());
  });
});

describe("node(id) and nodes(ids)", () => {
  /** Fields to compare, for each type implementing Node. */
  const FIELDS: Record<string, string> = {
    Activity: "group groupTitle ordinal text source { id }",
    Award: "name slug",
    AwardRecipient: "year recipient award { id } source { id }",
    Chapter: "slug name kind status country { id } region { id } source { id }",
    CoreValue: "position statement source { id }",
    Country: "code name",
    Fact: "subject figure value numericValue asOf asOfDate asOfPrecision headline source { id }",
    MembershipSnapshot: "date individualMembers organizationMembers synthetic chapter { id } source { id }",
    Objective: "kind ordinal text source { id }",
    Office: "city quote country { id } source { id }",
    Participation: "since sincePrecision chapter { id } programme { id } source { id }",
    Principle: "position title statement source { id }",
    Programme: "slug name area description source { id }",
    Region: "slug name",
    Source: "url title licenceId licenceNote note retrievedOn synthetic",
  };

  /** One object of each type, fetched through the other queries, with __typename and id. */
  async function samples(): Promise<Record<string, any>> {
    const sel = (type: string) => `__typename id ${FIELDS[type]}`;
    const data = await ok(`{
      activities(group: "our-work") { ${sel("Activity")} }
      awards(name: "postel") { ${sel("Award")} recipients(year: 2013) { ${sel("AwardRecipient")} } }
      chapter(slug: "benin") { ${sel("Chapter")} country { ${sel("Country")} } region { ${sel("Region")} } source { ${sel("Source")} }
        membership { latest { ${sel("MembershipSnapshot")} source { ${sel("Source")} } } } }
      coreValues { ${sel("CoreValue")} }
      facts(figure: "chapters") { ${sel("Fact")} }
      objectives(kind: OPERATIONAL) { ${sel("Objective")} }
      organization { offices { ${sel("Office")} } }
      principles { ${sel("Principle")} }
      programme(slug: "chapterthon") { ${sel("Programme")} chapters { ${sel("Participation")} } }
    }`);
    return {
      Activity: data.activities[1],
      Award: data.awards[0],
      AwardRecipient: data.awards[0].recipients[0],
      Chapter: data.chapter,
      CoreValue: data.coreValues[2],
      Country: data.chapter.country,
      Fact: data.facts[0],
      MembershipSnapshot: data.chapter.membership.latest,
      Objective: data.objectives[1],
      Office: data.organization.offices[1],
      Participation: data.programme.chapters[0],
      Principle: data.principles[5],
      Programme: data.programme,
      Region: data.chapter.region,
      Source: data.chapter.membership.latest.source,
    };
  }
  const strip = (o: Record<string, any>) => {
    const copy = { ...o };
    for (const key of ["recipients", "chapters", "membership"]) delete copy[key];
    if (copy.__typename === "Chapter") {
      copy.country = { id: o.country.id };
      copy.region = { id: o.region.id };
      copy.source = { id: o.source.id };
    }
    if (copy.__typename === "MembershipSnapshot") copy.source = { id: o.source.id };
    return copy;
  };

  it("has a sample of every type that implements Node", async () => {
    const interfaceTypes = await ok(`{ __type(name: "Node") { possibleTypes { name } } }`);
    expect(interfaceTypes.__type.possibleTypes.map((t: any) => t.name).sort()).toEqual(Object.keys(FIELDS).sort());
    const all = await samples();
    for (const [type, sample] of Object.entries(all)) {
      expect(sample).toBeTruthy();
      expect(sample.__typename).toBe(type);
    }
  });

  it.each(Object.keys(FIELDS))("node(id) refetches a %s with the same fields", async (type) => {
    const sample = (await samples())[type];
    const { node } = await ok(`query($id: ID!) { node(id: $id) { __typename id ... on ${type} { ${FIELDS[type]} } } }`, { id: sample.id });
    expect(node).toEqual(strip(sample));
  });

  it("gives the synthetic flag of a refetched snapshot and of its source", async () => {
    const { MembershipSnapshot: snapshot } = await samples();
    const { node } = await ok(`query($id: ID!) { node(id: $id) { ... on MembershipSnapshot { synthetic source { synthetic url } } } }`, { id: snapshot.id });
    expect(node).toEqual({ synthetic: true, source: { synthetic: true, url: SYNTHETIC_URL } });
  });

  it("IDs are distinct across types and stable across requests", async () => {
    const first = await samples();
    const second = await samples();
    const ids = Object.values(first).map((s: any) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.values(second).map((s: any) => s.id)).toEqual(ids);
  });

  it("nodes(ids) returns the objects in the order asked, with null for each that does not exist", async () => {
    const all = await samples();
    const ids = [all.Region.id, missingId("Chapter", 999999), all.Chapter.id, missingId("Nonsense", 1), all.Country.id, all.Region.id, missingId("Country", "ZZ")];
    const { nodes } = await ok(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids });
    expect(nodes).toEqual([
      { __typename: "Region", id: all.Region.id },
      null,
      { __typename: "Chapter", id: all.Chapter.id },
      null,
      { __typename: "Country", id: all.Country.id },
      { __typename: "Region", id: all.Region.id },
      null,
    ]);
    expect((await ok(`{ nodes(ids: []) { id } }`)).nodes).toEqual([]);
  });

  it.each([
    ["a chapter id beyond the last row", () => missingId("Chapter", 999999)],
    ["a snapshot id beyond the last row", () => missingId("MembershipSnapshot", 2147483647)],
    ["a key too large for an integer", () => missingId("Fact", "99999999999")],
    ["a non-numeric key for a numeric type", () => missingId("Region", "africa")],
    ["a country code that is not in the table", () => missingId("Country", "ZZ")],
    ["a type that does not exist", () => missingId("Spaceship", 1)],
  ])("node(id) is null, without an error, for %s", async (_, id) => {
    const result = await h.run(`query($id: ID!) { node(id: $id) { id } }`, { id: id() });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ node: null });
  });
});
