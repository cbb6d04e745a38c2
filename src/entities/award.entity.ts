import { Column, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from "typeorm";

/** An award the Internet Society gives (the Postel and Itojun Service Awards). */
@Entity({ name: "award" })
@Unique("award_slug_key", ["slug"])
@Unique("award_name_key", ["name"])
export class Award {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: "award_pkey" })
  id: number;

  @Column({ type: "text" })
  slug: string;

  @Column({ type: "text" })
  name: string;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
