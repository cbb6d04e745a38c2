import { Column, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from "typeorm";

/** One of the Internet Society's six regions (Africa, Asia-Pacific, …). */
@Entity({ name: "region" })
@Unique("region_slug_key", ["slug"])
@Unique("region_name_key", ["name"])
export class Region {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: "region_pkey" })
  id: number;

  @Column({ type: "text" })
  slug: string;

  @Column({ type: "text" })
  name: string;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
