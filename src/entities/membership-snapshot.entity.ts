import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from "typeorm";
import { Chapter } from "./chapter.entity";
import { Source } from "./source.entity";

/**
 * A chapter's membership on one date. The unique (chapter_id, taken_on) index
 * also serves "latest snapshot of a chapter" (an index-only walk backwards).
 */
@Entity({ name: "membership_snapshot" })
@Unique("membership_snapshot_chapter_id_taken_on_key", ["chapterId", "takenOn"])
@Check("membership_snapshot_individual_members_check", `individual_members >= 0`)
@Check("membership_snapshot_organization_members_check", `organization_members >= 0`)
export class MembershipSnapshot {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: "membership_snapshot_pkey" })
  id: number;

  @Column({ type: "int" })
  chapterId: number;

  @ManyToOne(() => Chapter, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "chapter_id", foreignKeyConstraintName: "membership_snapshot_chapter_id_fkey" })
  chapter: Chapter;

  @Index("membership_snapshot_taken_on_idx")
  @Column({ type: "date" })
  takenOn: string;

  @Column({ type: "int" })
  individualMembers: number;

  @Column({ type: "int" })
  organizationMembers: number;

  @Index("membership_snapshot_source_id_idx")
  @Column({ type: "int" })
  sourceId: number;

  @ManyToOne(() => Source, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "source_id", foreignKeyConstraintName: "membership_snapshot_source_id_fkey" })
  source: Source;

  /** Bumped by a trigger on every change: an edit names the version it read, and one that is no longer current is refused (CONFLICT). */
  @Column({ type: "int", default: 1 })
  version: number;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
