import type { MigrationInterface, QueryRunner } from "typeorm";

/** The tables whose changes invalidate cached answers (every table the API reads, as of this migration). */
const TABLES = [
  "source", "region", "country", "chapter", "membership_snapshot", "programme", "participation", "award", "award_recipient",
  "principle", "core_value", "objective", "activity", "fact", "office", "organization",
];
const EVENTS = ["INSERT", "UPDATE", "DELETE"] as const;

/**
 * data_version: a counter bumped, and announced with NOTIFY data_changed, by
 * any statement that really changes rows of a data table. Statement-level
 * triggers with transition tables: an upsert that changes nothing (a second
 * seed run) bumps nothing. A transition table serves one event only, hence
 * three triggers per table. The NOTIFY is delivered at commit, never for a
 * rolled-back change.
 */
export class DataVersion1795925439298 implements MigrationInterface {
  name = "DataVersion1795925439298";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "data_version" ("id" integer NOT NULL DEFAULT '1', "version" bigint NOT NULL DEFAULT '0', "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "data_version_singleton_check" CHECK (id = 1), CONSTRAINT "data_version_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`INSERT INTO "data_version" ("id", "version") VALUES (1, 0)`);
    await queryRunner.query(`
      CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM changed_rows) THEN
          UPDATE data_version SET version = version + 1, changed_at = now() WHERE id = 1;
          PERFORM pg_notify('data_changed', TG_TABLE_NAME);
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of TABLES) {
      for (const event of EVENTS) {
        const transition = event === "DELETE" ? "OLD TABLE AS changed_rows" : "NEW TABLE AS changed_rows";
        await queryRunner.query(
          `CREATE TRIGGER "${table}_${event.toLowerCase()}_bumps_data_version" AFTER ${event} ON "${table}"
           REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()`,
        );
      }
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      for (const event of EVENTS) await queryRunner.query(`DROP TRIGGER "${table}_${event.toLowerCase()}_bumps_data_version" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION bump_data_version()`);
    await queryRunner.query(`DROP TABLE "data_version"`);
  }
}
