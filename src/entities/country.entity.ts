import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from "typeorm";

/** A country or territory, keyed by its ISO 3166-1 alpha-2 code. */
@Entity({ name: "country" })
@Check("country_code_check", `code ~ '^[A-Z]{2}$'`)
export class Country {
  @PrimaryColumn({ type: "char", length: 2, primaryKeyConstraintName: "country_pkey" })
  code: string;

  @Column({ type: "text" })
  name: string;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
