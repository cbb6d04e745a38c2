import { Check, Column, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from "typeorm";

/**
 * Where a figure or a statement comes from. Every row that carries a figure
 * references one: provenance is data, and a figure without a source is a bug.
 * `synthetic` marks figures this project generated for demonstration (per-chapter
 * membership counts are not public), so the API can say so on every such figure.
 */
@Entity({ name: "source" })
@Unique("source_url_key", ["url"])
@Check("source_url_check", `url <> ''`)
export class Source {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: "source_pkey" })
  id: number;

  /** An absolute URL, or a path inside this repository for documents shipped with it. */
  @Column({ type: "text" })
  url: string;

  @Column({ type: "text", nullable: true })
  title: string | null;

  /** When the page was retrieved (for compiled facts, the compilation date). */
  @Column({ type: "date", nullable: true })
  retrievedOn: string | null;

  @Column({ type: "text" })
  licence: string;

  @Column({ type: "boolean", default: false })
  synthetic: boolean;

  @Column({ type: "text", nullable: true })
  note: string | null;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
