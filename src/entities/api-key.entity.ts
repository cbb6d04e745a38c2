import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from "typeorm";
import { sqlList } from "./sql-list";

/** In the order of what they may do (src/auth/caller.ts): each can do what the ones before it can. */
export const API_KEY_ROLES = ["reader", "editor", "admin"] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/**
 * A key a client sends as `Authorization: Bearer …`. Only the SHA-256 of the
 * key is stored: the key itself is shown once, when it is made, so a copy of
 * the database cannot be used to call the API. A key is revoked, never
 * deleted, so the audit log's names keep pointing at a row.
 */
@Entity({ name: "api_key" })
@Unique("api_key_name_key", ["name"])
@Unique("api_key_token_hash_key", ["tokenHash"])
@Check("api_key_role_check", `role IN (${sqlList(API_KEY_ROLES)})`)
@Check("api_key_name_check", `name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$'`)
export class ApiKey {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: "api_key_pkey" })
  id: number;

  /** Who holds the key, as the audit log names them. */
  @Column({ type: "text" })
  name: string;

  @Column({ type: "text" })
  role: ApiKeyRole;

  /** Hex SHA-256 of the whole key. */
  @Column({ type: "text" })
  tokenHash: string;

  /** The key's first characters, so a holder can tell which key a listing means. */
  @Column({ type: "text" })
  tokenPrefix: string;

  @Column({ type: "timestamptz", default: () => "now()" })
  createdAt: Date;

  @Column({ type: "timestamptz", nullable: true })
  revokedAt: Date | null;
}
