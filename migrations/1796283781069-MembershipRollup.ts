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
 * - `membership_change`: one row per snapshot of every current (not archived)
 *   chapter: the change it brings (individual and organization members; +1
 *   chapter on its first snapshot; +1/-1 when it moves the chapter's latest
 *   snapshot to or from a synthetic source), with the chapter's region,
 *   country, kind and status. It is the ledger of what the rollup counts, so
 *   any write can be undone from the rollup exactly, without knowing what the
 *   tables held before it.
 * - `membership_rollup`: those changes summed per date and grain: per region,
 *   per country, per kind, per status (other dimensions null), and per
 *   combination of all four (`all`), which serves any filter. Rows whose sums
 *   are all zero are removed. Archived chapters are in neither table: public
 *   aggregates leave them out.
 *
 * Maintenance: any statement that changes snapshots, a chapter's grouping or
 * archived state, or a source's synthetic flag calls membership_rollup_refresh
 * with the chapters concerned (statement-level triggers with transition
 * tables, so a bulk load is one call). The refresh recomputes those chapters'
 * changes from the tables as they now are, compares them with the ledger, and
 * applies only the differences to the ledger and the rollup — in the same
 * statement, hence the same transaction, as the write. Recomputing from the
 * current state (rather than from what one statement changed) is what makes it
 * exact whatever the mix of writes: an upsert that inserts and updates (its
 * INSERT and UPDATE triggers both fire, after both changes), several
 * statements in one transaction, a chapter moving between regions.
 *
 * Chapters need no INSERT or DELETE trigger: a new chapter has no snapshots
 * yet, and one with snapshots cannot be deleted (membership_snapshot's foreign
 * key is ON DELETE RESTRICT). Sources likewise: only a change of `synthetic`
 * on a cited source matters.
 */
export class MembershipRollup1796283781069 implements MigrationInterface {
  name = "MembershipRollup1796283781069";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "membership_change" (
        "chapter_id" integer NOT NULL,
        "taken_on" date NOT NULL,
        "region_id" integer,
        "country_code" character(2),
        "kind" text NOT NULL,
        "status" text NOT NULL,
        "individual_members" integer NOT NULL,
        "organization_members" integer NOT NULL,
        "synthetic" integer NOT NULL,
        "chapters" integer NOT NULL,
        CONSTRAINT "membership_change_pkey" PRIMARY KEY ("chapter_id", "taken_on")
      )`);
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
      CREATE FUNCTION membership_rollup_refresh(chapter_ids integer[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        -- One refresh of a chapter at a time: a concurrent one waits here, and (READ COMMITTED)
        -- the statements below then see what it committed, ledger included.
        PERFORM FROM chapter WHERE id = ANY(chapter_ids) ORDER BY id FOR NO KEY UPDATE;

        WITH fresh AS (
          SELECT ms.chapter_id, ms.taken_on, c.region_id, c.country_code, c.kind, c.status,
                 ms.individual_members - lag(ms.individual_members, 1, 0) OVER chapter AS individual_members,
                 ms.organization_members - lag(ms.organization_members, 1, 0) OVER chapter AS organization_members,
                 s.synthetic::int - lag(s.synthetic::int, 1, 0) OVER chapter AS synthetic,
                 (lag(ms.taken_on) OVER chapter IS NULL)::int AS chapters
            FROM membership_snapshot ms
            JOIN chapter c ON c.id = ms.chapter_id AND c.archived_at IS NULL
            JOIN source s ON s.id = ms.source_id
           WHERE ms.chapter_id = ANY(chapter_ids)
          WINDOW chapter AS (PARTITION BY ms.chapter_id ORDER BY ms.taken_on)
        ),
        stale AS (SELECT * FROM membership_change WHERE chapter_id = ANY(chapter_ids)),
        -- The ledger rows that differ from what they should be: f.* null when the row must go, s.* null when it is new.
        changed AS (
          SELECT f.chapter_id AS f_chapter_id, f.taken_on AS f_taken_on, f.region_id AS f_region_id, f.country_code AS f_country_code,
                 f.kind AS f_kind, f.status AS f_status, f.individual_members AS f_individual_members,
                 f.organization_members AS f_organization_members, f.synthetic AS f_synthetic, f.chapters AS f_chapters,
                 s.chapter_id, s.taken_on, s.region_id, s.country_code, s.kind, s.status,
                 s.individual_members, s.organization_members, s.synthetic, s.chapters
            FROM fresh f FULL JOIN stale s ON s.chapter_id = f.chapter_id AND s.taken_on = f.taken_on
           WHERE (f.region_id, f.country_code, f.kind, f.status, f.individual_members, f.organization_members, f.synthetic, f.chapters)
                 IS DISTINCT FROM (s.region_id, s.country_code, s.kind, s.status, s.individual_members, s.organization_members, s.synthetic, s.chapters)
        ),
        updated AS (
          UPDATE membership_change m
             SET region_id = x.f_region_id, country_code = x.f_country_code, kind = x.f_kind, status = x.f_status,
                 individual_members = x.f_individual_members, organization_members = x.f_organization_members,
                 synthetic = x.f_synthetic, chapters = x.f_chapters
            FROM changed x
           WHERE x.f_chapter_id IS NOT NULL AND x.chapter_id IS NOT NULL AND m.chapter_id = x.chapter_id AND m.taken_on = x.taken_on
        ),
        deleted AS (
          DELETE FROM membership_change m USING changed x
           WHERE x.f_chapter_id IS NULL AND m.chapter_id = x.chapter_id AND m.taken_on = x.taken_on
        ),
        inserted AS (
          INSERT INTO membership_change
          SELECT f_chapter_id, f_taken_on, f_region_id, f_country_code, f_kind, f_status, f_individual_members, f_organization_members, f_synthetic, f_chapters
            FROM changed WHERE chapter_id IS NULL
        ),
        -- What the rollup gains (the new rows) and loses (the old ones, negated).
        differences AS (
          SELECT f_taken_on AS taken_on, f_region_id AS region_id, f_country_code AS country_code, f_kind AS kind, f_status AS status,
                 f_individual_members AS individual_members, f_organization_members AS organization_members, f_synthetic AS synthetic, f_chapters AS chapters
            FROM changed WHERE f_chapter_id IS NOT NULL
          UNION ALL
          SELECT taken_on, region_id, country_code, kind, status, -individual_members, -organization_members, -synthetic, -chapters
            FROM changed WHERE chapter_id IS NOT NULL
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
        TRUNCATE membership_change, membership_rollup;
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
    await queryRunner.query(`DROP TABLE "membership_rollup"`);
    await queryRunner.query(`DROP TABLE "membership_change"`);
  }
}
