import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from "typeorm";
import { Chapter } from "./chapter.entity";
import { Programme } from "./programme.entity";
import { Source } from "./source.entity";
import { DATE_PRECISIONS, DatePrecision } from "../model/enums";
import { sqlList } from "./sql-list";

/** A chapter taking part in a programme, since a date, as a source shows. */
@Entity({ name: "participation" })
@Unique("participation_chapter_id_programme_id_key", ["chapterId", "programmeId"])
@Check("participation_since_precision_check", `since_precision IN (${sqlList(DATE_PRECISIONS)})`)
export class Participation {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: "participation_pkey" })
  id: number;

  @Column({ type: "int" })
  chapterId: number;

  @ManyToOne(() => Chapter, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "chapter_id", foreignKeyConstraintName: "participation_chapter_id_fkey" })
  chapter: Chapter;

  @Index("participation_programme_id_idx")
  @Column({ type: "int" })
  programmeId: number;

  @ManyToOne(() => Programme, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "programme_id", foreignKeyConstraintName: "participation_programme_id_fkey" })
  programme: Programme;

  /** The first day of the period the source names (see sincePrecision). */
  @Column({ type: "date" })
  since: string;

  @Column({ type: "text" })
  sincePrecision: DatePrecision;

  @Index("participation_source_id_idx")
  @Column({ type: "int" })
  sourceId: number;

  @ManyToOne(() => Source, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "source_id", foreignKeyConstraintName: "participation_source_id_fkey" })
  source: Source;

  @Column({ type: "text", nullable: true })
  evidenceNote: string | null;

  /** Bumped by a trigger on every change: an edit names the version it read, and one that is no longer current is refused (CONFLICT). */
  @Column({ type: "int", default: 1 })
  version: number;

  /** When an editor archived it; archived records leave public lists and stay readable by id for editors. */
  @Column({ type: "timestamptz", nullable: true })
  archivedAt: Date | null;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
