import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from "typeorm";
import { Source } from "./source.entity";

/** The Internet Society itself: one row, in the words of its own description. */
@Entity({ name: "organization" })
@Check("organization_singleton_check", `id = 1`)
export class Organization {
  @PrimaryColumn({ type: "int", default: 1, primaryKeyConstraintName: "organization_pkey" })
  id: number;

  @Column({ type: "text" })
  name: string;

  @Column({ type: "text" })
  vision: string;

  @Column({ type: "text" })
  mission: string;

  /** The introductory paragraphs, in order. */
  @Column({ type: "text", array: true })
  about: string[];

  /** What the organisation works to ensure the Internet does (the two goals of the source). */
  @Column({ type: "text", array: true })
  platformGoals: string[];

  @Column({ type: "text" })
  whatWeDo: string;

  @Index("organization_source_id_idx")
  @Column({ type: "int" })
  sourceId: number;

  @ManyToOne(() => Source, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "source_id", foreignKeyConstraintName: "organization_source_id_fkey" })
  source: Source;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
