import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from "typeorm";
import { Source } from "./source.entity";

/** A programme of the Internet Society that chapters can take part in. */
@Entity({ name: "programme" })
@Unique("programme_slug_key", ["slug"])
export class Programme {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: "programme_pkey" })
  id: number;

  @Column({ type: "text" })
  slug: string;

  @Column({ type: "text" })
  name: string;

  @Index("programme_area_idx")
  @Column({ type: "text" })
  area: string;

  @Column({ type: "text" })
  description: string;

  @Index("programme_source_id_idx")
  @Column({ type: "int" })
  sourceId: number;

  @ManyToOne(() => Source, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "source_id", foreignKeyConstraintName: "programme_source_id_fkey" })
  source: Source;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
