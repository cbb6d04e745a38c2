import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from "typeorm";
import { Source } from "./source.entity";
import { DATE_PRECISIONS, DatePrecision } from "../model/enums";
import { sqlList } from "./sql-list";

/**
 * A dated headline figure ("chapters: 113 (in 97 countries), as of 2015").
 * `value` and `asOf` keep the source's wording; `numericValue` and `asOfDate`
 * are what can be read from them without guessing, else null.
 */
@Entity({ name: "fact" })
@Unique("fact_subject_figure_as_of_source_id_key", ["subject", "figure", "asOf", "sourceId"])
@Check("fact_as_of_precision_check", `as_of_precision IN (${sqlList(DATE_PRECISIONS)})`)
@Check("fact_as_of_date_check", `(as_of_date IS NULL) = (as_of_precision IS NULL)`)
@Index("fact_subject_figure_idx", ["subject", "figure"])
export class Fact {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: "fact_pkey" })
  id: number;

  @Column({ type: "text" })
  subject: string;

  @Index("fact_figure_idx")
  @Column({ type: "text" })
  figure: string;

  @Column({ type: "text" })
  value: string;

  @Column({ type: "numeric", nullable: true })
  numericValue: string | null;

  @Column({ type: "text" })
  asOf: string;

  @Index("fact_as_of_date_idx")
  @Column({ type: "date", nullable: true })
  asOfDate: string | null;

  @Column({ type: "text", nullable: true })
  asOfPrecision: DatePrecision | null;

  /** True for the figures the Internet Society states about itself in the seed document. */
  @Column({ type: "boolean", default: false })
  headline: boolean;

  @Index("fact_source_id_idx")
  @Column({ type: "int" })
  sourceId: number;

  @ManyToOne(() => Source, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "source_id", foreignKeyConstraintName: "fact_source_id_fkey" })
  source: Source;

  /** Bumped by a trigger on every change: an edit names the version it read, and one that is no longer current is refused (CONFLICT). */
  @Column({ type: "int", default: 1 })
  version: number;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
