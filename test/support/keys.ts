/** API keys and authenticated GraphQL calls over HTTP, for the tests of who may do what. */
import { generateKey } from "../../src/auth/api-key";
import type { SqlClient } from "../../src/db/sql";
import type { ApiKeyRole } from "../../src/entities/api-key.entity";
import { apiKeyRepository } from "../../src/repositories/api-key.repository";

/** Makes a key named `name` with `role` (as `npm run keys -- create` does) and returns the secret. */
export async function createKey(sql: SqlClient, name: string, role: ApiKeyRole): Promise<string> {
  const key = generateKey();
  await apiKeyRepository.create(sql, { name, role, ...key });
  return key.token;
}

export interface HttpGraphQLResult {
  status: number;
  headers: Headers;
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, any> }[];
  extensions?: Record<string, any>;
}

/** POSTs an operation to `base`/graphql, with `token` as the bearer key when given. */
export async function postGraphQL(base: string, query: string, variables?: Record<string, unknown>, options: { token?: string; headers?: Record<string, string> } = {}): Promise<HttpGraphQLResult> {
  const response = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, ...((await response.json()) as object) };
}
