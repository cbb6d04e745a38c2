import { Check, Column, Entity, PrimaryColumn } from "typeorm";

/**
 * A counter of changes to the data, bumped by triggers on every table when a
 * statement actually inserts, updates or deletes rows, and announced with
 * NOTIFY data_changed. Response caches key their entries by it, so a write is
 * never followed by a cached answer from before it.
 */
@Entity({ name: "data_version" })
@Check("data_version_singleton_check", `id = 1`)
export class DataVersion {
  @PrimaryColumn({ type: "int", default: 1, primaryKeyConstraintName: "data_version_pkey" })
  id: number;

  @Column({ type: "bigint", default: 0 })
  version: string;

  @Column({ type: "timestamptz", default: () => "now()" })
  changedAt: Date;
}
