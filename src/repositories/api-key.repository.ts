import type { SqlClient } from "../db/sql";
import type { ApiKeyRole } from "../entities/api-key.entity";

/** A key as the API and the `keys` command show it: never its hash. */
export interface ApiKeyRecord {
  id: number;
  name: string;
  role: ApiKeyRole;
  tokenPrefix: string;
  createdAt: Date;
  revokedAt: Date | null;
}

const COLUMNS = `id, name, role, token_prefix AS "tokenPrefix", created_at AS "createdAt", revoked_at AS "revokedAt"`;

export const apiKeyRepository = {
  /** The key with this hash, when it exists and is not revoked. */
  async activeByHash(sql: SqlClient, tokenHash: string): Promise<ApiKeyRecord | null> {
    const [key] = await sql.rows<ApiKeyRecord>(`SELECT ${COLUMNS} FROM api_key WHERE token_hash = $1 AND revoked_at IS NULL`, [tokenHash]);
    return key ?? null;
  },

  async create(sql: SqlClient, key: { name: string; role: ApiKeyRole; tokenHash: string; tokenPrefix: string }): Promise<ApiKeyRecord> {
    const [created] = await sql.rows<ApiKeyRecord>(
      `INSERT INTO api_key (name, role, token_hash, token_prefix) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
      [key.name, key.role, key.tokenHash, key.tokenPrefix],
    );
    return created;
  },

  async list(sql: SqlClient): Promise<ApiKeyRecord[]> {
    return sql.rows<ApiKeyRecord>(`SELECT ${COLUMNS} FROM api_key ORDER BY id`);
  },

  /** Revokes the key named `name`; null when no key has that name. Revoking a revoked key keeps its first revocation time. */
  async revoke(sql: SqlClient, name: string): Promise<ApiKeyRecord | null> {
    const [key] = await sql.rows<ApiKeyRecord>(
      `UPDATE api_key SET revoked_at = coalesce(revoked_at, now()) WHERE name = $1 RETURNING ${COLUMNS}`,
      [name],
    );
    return key ?? null;
  },
};
