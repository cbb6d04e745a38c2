import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from "typeorm";
import { Source } from "./source.entity";

/** One of the Internet Society's core values, in its own words. */
@Entity({ name: "core_value" })
@Unique("core_value_position_key", ["position"])
@Check("core_value_position_check", `position > 0`)
export class CoreValue {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: "core_value_pkey" })
  id: number;

  /** 1-based order in the source document. */
  @Column({ type: "int" })
  position: number;

  @Column({ type: "text" })
  statement: string;

  @Index("core_value_source_id_idx")
  @Column({ type: "int" })
  sourceId: number;

  @ManyToOne(() => Source, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "source_id", foreignKeyConstraintName: "core_value_source_id_fkey" })
  source: Source;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
