import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { ApiKey } from "./api-key.entity";

/**
 * One change made through the API: who (the key's name), when, what (the
 * action and the record), and the record before and after, in the columns of
 * its export (slugs and source URLs, not internal ids), so an entry reads on
 * its own. Written in the transaction of the change: there is no change
 * without its entry, and no entry for a change that rolled back.
 */
@Entity({ name: "audit_entry" })
@Index("audit_entry_entity_idx", ["entityType", "entityId", "id"])
@Index("audit_entry_actor_idx", ["actor", "id"])
export class AuditEntry {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: "audit_entry_pkey" })
  id: number;

  @Column({ type: "timestamptz", default: () => "now()" })
  at: Date;

  /** The name of the key that made the change. */
  @Column({ type: "text" })
  actor: string;

  @Column({ type: "int" })
  apiKeyId: number;

  @ManyToOne(() => ApiKey, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "api_key_id", foreignKeyConstraintName: "audit_entry_api_key_id_fkey" })
  apiKey: ApiKey;

  /** create, update, archive, … (see src/editing/). */
  @Column({ type: "text" })
  action: string;

  /** The table of the record: chapter, membership_snapshot, participation, fact. */
  @Column({ type: "text" })
  entityType: string;

  @Column({ type: "int" })
  entityId: number;

  /** The record before the change; null for a creation. */
  @Column({ type: "jsonb", nullable: true })
  before: Record<string, unknown> | null;

  /** The record after the change. */
  @Column({ type: "jsonb", nullable: true })
  after: Record<string, unknown> | null;
}
