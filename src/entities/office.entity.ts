import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from "typeorm";
import { Country } from "./country.entity";
import { Source } from "./source.entity";

/** A city where the Internet Society has staff, as its own description names it. */
@Entity({ name: "office" })
@Unique("office_city_key", ["city"])
export class Office {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: "office_pkey" })
  id: number;

  @Column({ type: "text" })
  city: string;

  @Index("office_country_code_idx")
  @Column({ type: "char", length: 2 })
  countryCode: string;

  @ManyToOne(() => Country, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "country_code", foreignKeyConstraintName: "office_country_code_fkey" })
  country: Country;

  /** The sentence of the source that names the office. */
  @Column({ type: "text" })
  quote: string;

  @Index("office_source_id_idx")
  @Column({ type: "int" })
  sourceId: number;

  @ManyToOne(() => Source, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "source_id", foreignKeyConstraintName: "office_source_id_fkey" })
  source: Source;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
