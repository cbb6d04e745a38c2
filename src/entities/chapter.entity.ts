import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from "typeorm";
import { Country } from "./country.entity";
import { Region } from "./region.entity";
import { Source } from "./source.entity";

import { CHAPTER_KINDS, CHAPTER_STATUSES, ChapterKind, ChapterStatus } from "../model/enums";
import { sqlList } from "./sql-list";

/**
 * A chapter or a special interest group (SIG / Standing Group). Its `source` is
 * the public page that shows it exists; `evidenceNote` paraphrases that page.
 */
@Entity({ name: "chapter" })
@Unique("chapter_slug_key", ["slug"])
@Check("chapter_kind_check", `kind IN (${sqlList(CHAPTER_KINDS)})`)
@Check("chapter_status_check", `status IN (${sqlList(CHAPTER_STATUSES)})`)
@Check("chapter_slug_check", `slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
@Index("chapter_name_id_idx", ["name", "id"])
export class Chapter {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: "chapter_pkey" })
  id: number;

  @Column({ type: "text" })
  slug: string;

  @Column({ type: "text" })
  name: string;

  @Index("chapter_kind_idx")
  @Column({ type: "text" })
  kind: ChapterKind;

  @Index("chapter_status_idx")
  @Column({ type: "text" })
  status: ChapterStatus;

  @Index("chapter_country_code_idx")
  @Column({ type: "char", length: 2, nullable: true })
  countryCode: string | null;

  @ManyToOne(() => Country, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "country_code", foreignKeyConstraintName: "chapter_country_code_fkey" })
  country: Country | null;

  @Index("chapter_region_id_idx")
  @Column({ type: "int", nullable: true })
  regionId: number | null;

  @ManyToOne(() => Region, { nullable: true, onDelete: "RESTRICT" })
  @JoinColumn({ name: "region_id", foreignKeyConstraintName: "chapter_region_id_fkey" })
  region: Region | null;

  /** Founding date; null where no public source gives one. */
  @Column({ type: "date", nullable: true })
  foundedOn: string | null;

  /** The chapter's own website; null where none is recorded. */
  @Column({ type: "text", nullable: true })
  website: string | null;

  @Index("chapter_source_id_idx")
  @Column({ type: "int" })
  sourceId: number;

  @ManyToOne(() => Source, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "source_id", foreignKeyConstraintName: "chapter_source_id_fkey" })
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
