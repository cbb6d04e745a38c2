import type { MigrationInterface, QueryRunner } from "typeorm";
import { splitLegacyLicence } from "../src/licensing/spdx";

/**
 * A source's licence split in two: `licence_id`, its SPDX identifier where one
 * applies (null where none does, or where we do not know the cited page's
 * licence), and `licence_note`, the terms in words. At least one is given.
 *
 * The old `licence` held either: a value that is exactly an SPDX identifier
 * ("CC0-1.0") becomes the identifier, any other text the note
 * (src/licensing/spdx.ts, the rule the deprecated import column and GraphQL
 * field still follow). Down puts back the identifier where there is one, the
 * note otherwise: what `Source.licence` (deprecated) answers.
 */
export class LicenceIdAndNote1796400000000 implements MigrationInterface {
  name = "LicenceIdAndNote1796400000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "source" RENAME COLUMN "licence" TO "licence_note"`);
    await queryRunner.query(`ALTER TABLE "source" ALTER COLUMN "licence_note" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "source" ADD "licence_id" text`);
    const licences: { licence: string }[] = await queryRunner.query(`SELECT DISTINCT licence_note AS licence FROM "source"`);
    const ids = licences.map(({ licence }) => licence).filter((licence) => splitLegacyLicence(licence).id !== null);
    await queryRunner.query(`UPDATE "source" SET "licence_id" = "licence_note", "licence_note" = NULL WHERE "licence_note" = ANY($1::text[])`, [ids]);
    await queryRunner.query(`ALTER TABLE "source" ADD CONSTRAINT "source_licence_check" CHECK (licence_id IS NOT NULL OR licence_note IS NOT NULL)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "source" DROP CONSTRAINT "source_licence_check"`);
    await queryRunner.query(`UPDATE "source" SET "licence_note" = COALESCE("licence_id", "licence_note")`);
    await queryRunner.query(`ALTER TABLE "source" DROP COLUMN "licence_id"`);
    await queryRunner.query(`ALTER TABLE "source" ALTER COLUMN "licence_note" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "source" RENAME COLUMN "licence_note" TO "licence"`);
  }
}
