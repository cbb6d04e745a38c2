import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from "typeorm";
import { Source } from "./source.entity";

/**
 * One item of what the Internet Society does: the activities listed under its
 * mission, and the "What We Do" items, each in a titled group.
 */
@Entity({ name: "activity" })
@Unique("activity_group_slug_ordinal_key", ["groupSlug", "ordinal"])
@Check("activity_ordinal_check", `ordinal > 0`)
export class Activity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: "activity_pkey" })
  id: number;

  @Column({ type: "text" })
  groupSlug: string;

  @Column({ type: "text" })
  groupTitle: string;

  /** 1-based order within its group, as in the source document. */
  @Column({ type: "int" })
  ordinal: number;

  @Column({ type: "text" })
  text: string;

  @Index("activity_source_id_idx")
  @Column({ type: "int" })
  sourceId: number;

  @ManyToOne(() => Source, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "source_id", foreignKeyConstraintName: "activity_source_id_fkey" })
  source: Source;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
