import type { MigrationInterface, QueryRunner } from "typeorm";

/** The records editors change through the API: each carries a version; chapters and participation can be archived. */
const VERSIONED_TABLES = ["chapter", "membership_snapshot", "participation", "fact"];

/**
 * API keys (stored as hashes), the audit log, and what edits need on the
 * records they change: a version, bumped by a trigger on every UPDATE, so that
 * every write path (mutations, imports, the seed) moves it and an edit made
 * against a version someone else has since changed is refused, not applied
 * over their change; and archived_at, because records are never deleted.
 */
export class EditsAndKeys1795990000000 implements MigrationInterface {
  name = "EditsAndKeys1795990000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "api_key" ("id" SERIAL NOT NULL, "name" text NOT NULL, "role" text NOT NULL, "token_hash" text NOT NULL, "token_prefix" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "api_key_token_hash_key" UNIQUE ("token_hash"), CONSTRAINT "api_key_name_key" UNIQUE ("name"), CONSTRAINT "api_key_name_check" CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$'), CONSTRAINT "api_key_role_check" CHECK (role IN ('reader', 'editor', 'admin')), CONSTRAINT "api_key_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_entry" ("id" SERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor" text NOT NULL, "api_key_id" integer NOT NULL, "action" text NOT NULL, "entity_type" text NOT NULL, "entity_id" integer NOT NULL, "before" jsonb, "after" jsonb, CONSTRAINT "audit_entry_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "audit_entry_actor_idx" ON "audit_entry"  ("actor", "id") `);
    await queryRunner.query(`CREATE INDEX "audit_entry_entity_idx" ON "audit_entry"  ("entity_type", "entity_id", "id") `);
    await queryRunner.query(
      `ALTER TABLE "audit_entry" ADD CONSTRAINT "audit_entry_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_key"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "chapter" ADD "archived_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "participation" ADD "archived_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`
      CREATE FUNCTION bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.version := OLD.version + 1;
        RETURN NEW;
      END $$`);
    for (const table of VERSIONED_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "version" integer NOT NULL DEFAULT '1'`);
      await queryRunner.query(`CREATE TRIGGER "${table}_update_bumps_version" BEFORE UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION bump_version()`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of VERSIONED_TABLES) {
      await queryRunner.query(`DROP TRIGGER "${table}_update_bumps_version" ON "${table}"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "version"`);
    }
    await queryRunner.query(`DROP FUNCTION bump_version()`);
    await queryRunner.query(`ALTER TABLE "participation" DROP COLUMN "archived_at"`);
    await queryRunner.query(`ALTER TABLE "chapter" DROP COLUMN "archived_at"`);
    await queryRunner.query(`ALTER TABLE "audit_entry" DROP CONSTRAINT "audit_entry_api_key_id_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."audit_entry_entity_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_entry_actor_idx"`);
    await queryRunner.query(`DROP TABLE "audit_entry"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
  }
}
