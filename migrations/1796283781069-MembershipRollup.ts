import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Membership totals kept on write, so that "the sum of every chapter's latest
 * snapshot on or before D" is one small sum instead of a lookup per chapter
 * (PERF-NOTES findings 9 and 10).
 *
 * The idea: a chapter's snapshots, each minus the one before it (zeros before
 * its first), add up to its latest snapshot on or before any date. Summed over
 * a group of chapters, those changes give the group's total at D as the sum
 * of the changes dated on or before D, whatever D is (a month end or any day).
 *
 * Two tables, both derived, written only by the triggers below:
 *
 * - `membership_rollup`: those changes summed per date and grain: per region,
 *   per country, per kind, per status (the other dimensions null), and per
 *   combination of all four (`all`), which serves any filter. Besides members,
 *   `chapters` (a chapter's first snapshot adds 1) and `synthetic` (+1/-1 where
 *   a chapter's latest snapshot moves to or from a synthetic source). Rows
 *   whose sums are all zero are removed.
 * - `membership_rollup_chapter`: what the rollup counts of each chapter: its
 *   region, country, kind and status, and its snapshots (dates and figures,
 *   one array each, so a bulk load writes one row per chapter, not one per
 *   snapshot). It is the ledger that lets any write be taken back out of the
 *   rollup exactly, without knowing what the tables held before it.
 *
 * Archived chapters are in neither: public aggregates leave them out.
 *
 * Maintenance: any statement that changes snapshots, a chapter's grouping or
 * archived state, or a source's synthetic flag calls membership_rollup_refresh
 * with the chapters concerned (statement-level triggers with transition
 * tables, so a bulk load is one call). The refresh reads those chapters as
 * they now are, compares them with the ledger, and for each that differs
 * takes its old changes out of the rollup and puts its new ones in (changes
 * that are the same cancel out before any row is written) — in the same
 * statement, hence the same transaction, as the write. Reading the current
 * state (rather than what one statement changed) is what makes it exact
 * whatever the mix of writes: an upsert that inserts and updates (its INSERT
 * and UPDATE triggers both fire, after both changes), several statements in
 * one transaction, a chapter moving between regions.
 *
 * Chapters need no INSERT or DELETE trigger: a new chapter has no snapshots
 * yet, and one with snapshots cannot be deleted (membership_snapshot's foreign
 * key is ON DELETE RESTRICT). Sources likewise: only a change of `synthetic`
 * on a cited source matters.
 */
export class MembershipRollup1796283781069 implements MigrationInterface {
  name = "MembershipRollup1796283781069";

  public async up(queryRunner: QueryRunner): Promise<void> {
    // NULLS NOT DISTINCT: a null region (or country) is a group of its own, and a grain's unused dimensions are null.
    await queryRunner.query(`
      CREATE TABLE "membership_rollup" (
        "grain" text NOT NULL,
        "taken_on" date NOT NULL,
        "region_id" integer,
        "country_code" character(2),
        "kind" text,
        "status" text,
        "individual_members" bigint NOT NULL,
        "organization_members" bigint NOT NULL,
        "synthetic" integer NOT NULL,
        "chapters" integer NOT NULL,
        CONSTRAINT "membership_rollup_grain_check" CHECK (grain IN ('all', 'region', 'country', 'kind', 'status')),
        CONSTRAINT "membership_rollup_key" UNIQUE NULLS NOT DISTINCT ("grain", "taken_on", "region_id", "country_code", "kind", "status")
      )`);
    // Rows whose sums came to zero, found without a scan; none of them outlives the refresh that made it.
    await queryRunner.query(`
      CREATE INDEX "membership_rollup_empty_idx" ON "membership_rollup" ("grain", "taken_on")
       WHERE individual_members = 0 AND organization_members = 0 AND synthetic = 0 AND chapters = 0`);
    await queryRunner.query(`
      CREATE TABLE "membership_rollup_chapter" (
        "chapter_id" integer NOT NULL,
        "region_id" integer,
        "country_code" character(2),
        "kind" text NOT NULL,
        "status" text NOT NULL,
        "taken_on" date[] NOT NULL,
        "individual_members" integer[] NOT NULL,
        "organization_members" integer[] NOT NULL,
        "synthetic" integer[] NOT NULL,
        CONSTRAINT "membership_rollup_chapter_pkey" PRIMARY KEY ("chapter_id")
      )`);

    // work_mem: a bulk load's refresh sorts and groups every snapshot once; in memory, not in temporary files.
    await queryRunner.query(`
      CREATE FUNCTION membership_rollup_refresh(chapter_ids integer[]) RETURNS void LANGUAGE plpgsql SET work_mem = '64MB' AS $$
      BEGIN
        -- One refresh of a chapter at a time: a concurrent one waits here, and (READ COMMITTED)
        -- the statements below then see what it committed, ledger included.
        PERFORM FROM chapter WHERE id = ANY(chapter_ids) ORDER BY id FOR NO KEY UPDATE;

        WITH fresh AS (
          SELECT ROW(c.id, c.region_id, c.country_code, c.kind, c.status,
                     array_agg(ms.taken_on ORDER BY ms.taken_on),
                     array_agg(ms.individual_members ORDER BY ms.taken_on),
                     array_agg(ms.organization_members ORDER BY ms.taken_on),
                     array_agg(s.synthetic::int ORDER BY ms.taken_on))::membership_rollup_chapter AS chapter
            FROM membership_snapshot ms
            JOIN chapter c ON c.id = ms.chapter_id AND c.archived_at IS NULL
            JOIN source s ON s.id = ms.source_id
           WHERE ms.chapter_id = ANY(chapter_ids)
           GROUP BY c.id
        ),
        stale AS (SELECT m AS chapter FROM membership_rollup_chapter m WHERE m.chapter_id = ANY(chapter_ids)),
        -- The chapters counted otherwise than they should be: f null when one must go, s null when one is new.
        changed AS (
          SELECT f.chapter AS f, s.chapter AS s
            FROM fresh f FULL JOIN stale s ON (s.chapter).chapter_id = (f.chapter).chapter_id
           WHERE f.chapter IS DISTINCT FROM s.chapter
        ),
        updated AS (
          UPDATE membership_rollup_chapter m
             SET region_id = (f).region_id, country_code = (f).country_code, kind = (f).kind, status = (f).status, taken_on = (f).taken_on,
                 individual_members = (f).individual_members, organization_members = (f).organization_members, synthetic = (f).synthetic
            FROM changed
           WHERE (f).chapter_id IS NOT NULL AND (s).chapter_id IS NOT NULL AND m.chapter_id = (s).chapter_id
        ),
        deleted AS (
          DELETE FROM membership_rollup_chapter m USING changed WHERE (f).chapter_id IS NULL AND m.chapter_id = (s).chapter_id
        ),
        inserted AS (
          INSERT INTO membership_rollup_chapter SELECT (f).* FROM changed WHERE (s).chapter_id IS NULL
        ),
        -- Each snapshot's change (minus the one before; its chapter's first adds a chapter): the new ones added, the old ones taken out.
        counted AS (
          SELECT f AS chapter, 1 AS sign FROM changed WHERE (f).chapter_id IS NOT NULL
          UNION ALL
          SELECT s, -1 FROM changed WHERE (s).chapter_id IS NOT NULL
        ),
        differences AS (
          SELECT (x.chapter).region_id, (x.chapter).country_code, (x.chapter).kind, (x.chapter).status, (x.chapter).taken_on[i] AS taken_on,
                 x.sign * ((x.chapter).individual_members[i] - coalesce((x.chapter).individual_members[i - 1], 0)) AS individual_members,
                 x.sign * ((x.chapter).organization_members[i] - coalesce((x.chapter).organization_members[i - 1], 0)) AS organization_members,
                 x.sign * ((x.chapter).synthetic[i] - coalesce((x.chapter).synthetic[i - 1], 0)) AS synthetic,
                 x.sign * (i = 1)::int AS chapters
            FROM counted x CROSS JOIN generate_subscripts((x.chapter).taken_on, 1) AS i
        )
        INSERT INTO membership_rollup AS r (grain, taken_on, region_id, country_code, kind, status, individual_members, organization_members, synthetic, chapters)
        SELECT CASE grouping(region_id, country_code, kind, status) WHEN 0 THEN 'all' WHEN 7 THEN 'region' WHEN 11 THEN 'country' WHEN 13 THEN 'kind' ELSE 'status' END,
               taken_on, region_id, country_code, kind, status,
               sum(individual_members), sum(organization_members), sum(synthetic), sum(chapters)
          FROM differences
         GROUP BY taken_on, GROUPING SETS ((region_id, country_code, kind, status), (region_id), (country_code), (kind), (status))
        HAVING sum(individual_members) <> 0 OR sum(organization_members) <> 0 OR sum(synthetic) <> 0 OR sum(chapters) <> 0
         -- In key order, so that concurrent refreshes lock shared rows in the same order.
         ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT ON CONSTRAINT membership_rollup_key DO UPDATE
           SET individual_members = r.individual_members + EXCLUDED.individual_members,
               organization_members = r.organization_members + EXCLUDED.organization_members,
               synthetic = r.synthetic + EXCLUDED.synthetic,
               chapters = r.chapters + EXCLUDED.chapters;

        DELETE FROM membership_rollup WHERE individual_members = 0 AND organization_members = 0 AND synthetic = 0 AND chapters = 0;
      END $$`);

    await queryRunner.query(`
      CREATE FUNCTION membership_snapshot_refreshes_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        chapter_ids integer[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          chapter_ids := ARRAY(SELECT DISTINCT chapter_id FROM new_rows);
        ELSIF TG_OP = 'DELETE' THEN
          chapter_ids := ARRAY(SELECT DISTINCT chapter_id FROM old_rows);
        ELSE
          -- Only rows whose counted columns changed (an upsert that rewrites the same figures changes nothing here).
          chapter_ids := ARRAY(
            SELECT DISTINCT unnest(ARRAY[o.chapter_id, n.chapter_id])
              FROM old_rows o JOIN new_rows n ON n.id = o.id
             WHERE (o.chapter_id, o.taken_on, o.individual_members, o.organization_members, o.source_id)
                   IS DISTINCT FROM (n.chapter_id, n.taken_on, n.individual_members, n.organization_members, n.source_id));
        END IF;
        IF cardinality(chapter_ids) > 0 THEN
          PERFORM membership_rollup_refresh(chapter_ids);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "membership_snapshot_insert_refreshes_rollup" AFTER INSERT ON "membership_snapshot"
       REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION membership_snapshot_refreshes_rollup()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "membership_snapshot_update_refreshes_rollup" AFTER UPDATE ON "membership_snapshot"
       REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION membership_snapshot_refreshes_rollup()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "membership_snapshot_delete_refreshes_rollup" AFTER DELETE ON "membership_snapshot"
       REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION membership_snapshot_refreshes_rollup()`,
    );

    await queryRunner.query(`
      CREATE FUNCTION membership_snapshot_truncate_empties_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE membership_rollup_chapter, membership_rollup;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "membership_snapshot_truncate_empties_rollup" AFTER TRUNCATE ON "membership_snapshot"
       FOR EACH STATEMENT EXECUTE FUNCTION membership_snapshot_truncate_empties_rollup()`,
    );

    await queryRunner.query(`
      CREATE FUNCTION chapter_refreshes_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        chapter_ids integer[] := ARRAY(
          SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id
           WHERE (o.region_id, o.country_code, o.kind, o.status, o.archived_at IS NULL)
                 IS DISTINCT FROM (n.region_id, n.country_code, n.kind, n.status, n.archived_at IS NULL));
      BEGIN
        IF cardinality(chapter_ids) > 0 THEN
          PERFORM membership_rollup_refresh(chapter_ids);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "chapter_update_refreshes_rollup" AFTER UPDATE ON "chapter"
       REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION chapter_refreshes_rollup()`,
    );

    await queryRunner.query(`
      CREATE FUNCTION source_refreshes_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        chapter_ids integer[] := ARRAY(
          SELECT DISTINCT ms.chapter_id
            FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN membership_snapshot ms ON ms.source_id = n.id
           WHERE o.synthetic IS DISTINCT FROM n.synthetic);
      BEGIN
        IF cardinality(chapter_ids) > 0 THEN
          PERFORM membership_rollup_refresh(chapter_ids);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "source_update_refreshes_rollup" AFTER UPDATE ON "source"
       REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION source_refreshes_rollup()`,
    );

    // What the database already holds.
    await queryRunner.query(`SELECT membership_rollup_refresh(ARRAY(SELECT id FROM chapter))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "source_update_refreshes_rollup" ON "source"`);
    await queryRunner.query(`DROP FUNCTION source_refreshes_rollup()`);
    await queryRunner.query(`DROP TRIGGER "chapter_update_refreshes_rollup" ON "chapter"`);
    await queryRunner.query(`DROP FUNCTION chapter_refreshes_rollup()`);
    await queryRunner.query(`DROP TRIGGER "membership_snapshot_truncate_empties_rollup" ON "membership_snapshot"`);
    await queryRunner.query(`DROP FUNCTION membership_snapshot_truncate_empties_rollup()`);
    for (const event of ["insert", "update", "delete"]) {
      await queryRunner.query(`DROP TRIGGER "membership_snapshot_${event}_refreshes_rollup" ON "membership_snapshot"`);
    }
    await queryRunner.query(`DROP FUNCTION membership_snapshot_refreshes_rollup()`);
    await queryRunner.query(`DROP FUNCTION membership_rollup_refresh(integer[])`);
    await queryRunner.query(`DROP TABLE "membership_rollup_chapter"`);
    await queryRunner.query(`DROP TABLE "membership_rollup"`);
  }
}
