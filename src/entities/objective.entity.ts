import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from "typeorm";
import { Source } from "./source.entity";
import { OBJECTIVE_KINDS, ObjectiveKind } from "../model/enums";
import { sqlList } from "./sql-list";

/** A strategic (outward) or operational (internal) objective, in the source's words. */
@Entity({ name: "objective" })
@Unique("objective_kind_ordinal_key", ["kind", "ordinal"])
@Check("objective_kind_check", `kind IN (${sqlList(OBJECTIVE_KINDS)})`)
@Check("objective_ordinal_check", `ordinal > 0`)
export class Objective {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: "objective_pkey" })
  id: number;

  @Column({ type: "text" })
  kind: ObjectiveKind;

  /** 1-based number within its kind, as in the source document. */
  @Column({ type: "int" })
  ordinal: number;

  @Column({ type: "text" })
  text: string;

  @Index("objective_source_id_idx")
  @Column({ type: "int" })
  sourceId: number;

  @ManyToOne(() => Source, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "source_id", foreignKeyConstraintName: "objective_source_id_fkey" })
  source: Source;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
