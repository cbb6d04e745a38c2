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
@Check("source_licence_check", `licence_id IS NOT NULL OR licence_note IS NOT NULL`)
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

  /** Its SPDX licence identifier ("CC-BY-4.0"), where one applies; null where none does or the cited page's licence is not known. */
  @Column({ type: "text", nullable: true })
  licenceId: string | null;

  /** The terms in words; at least one of the identifier and the note is given. */
  @Column({ type: "text", nullable: true })
  licenceNote: string | null;

  @Column({ type: "boolean", default: false })
  synthetic: boolean;

  @Column({ type: "text", nullable: true })
  note: string | null;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
