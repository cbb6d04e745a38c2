import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from "typeorm";
import { Source } from "./source.entity";

/** One of the six principles that guide the Internet Society's work, in its own words. */
@Entity({ name: "principle" })
@Unique("principle_position_key", ["position"])
@Check("principle_position_check", `position > 0`)
export class Principle {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: "principle_pkey" })
  id: number;

  /** 1-based order in the source document. */
  @Column({ type: "int" })
  position: number;

  @Column({ type: "text" })
  title: string;

  @Column({ type: "text" })
  statement: string;

  @Index("principle_source_id_idx")
  @Column({ type: "int" })
  sourceId: number;

  @ManyToOne(() => Source, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "source_id", foreignKeyConstraintName: "principle_source_id_fkey" })
  source: Source;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
