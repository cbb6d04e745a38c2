import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from "typeorm";
import { Award } from "./award.entity";
import { Source } from "./source.entity";

/** Who received an award in a year. Two recipients of one year share a row, as the source lists them. */
@Entity({ name: "award_recipient" })
@Unique("award_recipient_award_id_year_recipient_key", ["awardId", "year", "recipient"])
@Check("award_recipient_year_check", `year BETWEEN 1900 AND 2100`)
export class AwardRecipient {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: "award_recipient_pkey" })
  id: number;

  @Column({ type: "int" })
  awardId: number;

  @ManyToOne(() => Award, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "award_id", foreignKeyConstraintName: "award_recipient_award_id_fkey" })
  award: Award;

  @Index("award_recipient_year_idx")
  @Column({ type: "int" })
  year: number;

  @Column({ type: "text" })
  recipient: string;

  @Index("award_recipient_source_id_idx")
  @Column({ type: "int" })
  sourceId: number;

  @ManyToOne(() => Source, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "source_id", foreignKeyConstraintName: "award_recipient_source_id_fkey" })
  source: Source;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
