/**
 * `npm run keys -- create --name NAME --role reader|editor|admin`: makes a key
 * and prints it once (only its hash is stored; a lost key is revoked and
 * replaced, never recovered). `npm run keys -- list`: every key, without
 * secrets. `npm run keys -- revoke --name NAME`: the key stops working at once.
 */
import { parseArgs } from "node:util";
import { generateKey } from "../auth/api-key";
import { loadConfig } from "../config";
import { openDatabase } from "../db/database";
import { SqlClient } from "../db/sql";
import { API_KEY_ROLES, type ApiKeyRole } from "../entities/api-key.entity";
import { apiKeyRepository } from "../repositories/api-key.repository";
import { runCli } from "./run";

const USAGE = `usage: npm run keys -- create --name NAME --role ${API_KEY_ROLES.join("|")}
       npm run keys -- list
       npm run keys -- revoke --name NAME`;

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { name: { type: "string" }, role: { type: "string" } } });
  const [command, ...rest] = positionals;
  if (!command || rest.length) throw new Error(USAGE);
  if (command === "create" || command === "revoke") {
    if (!values.name || !NAME.test(values.name)) throw new Error(`--name must be 1 to 63 letters, digits, dots, hyphens or underscores, starting with a letter or digit.\n${USAGE}`);
  }
  if (command === "create" && !(API_KEY_ROLES as readonly string[]).includes(values.role ?? "")) throw new Error(`--role must be one of ${API_KEY_ROLES.join(", ")}.\n${USAGE}`);
  if (!["create", "list", "revoke"].includes(command)) throw new Error(USAGE);

  const database = await openDatabase(loadConfig());
  const sql = SqlClient.fromDataSource(database.dataSource).primary();
  try {
    if (command === "create") {
      const key = generateKey();
      const created = await apiKeyRepository.create(sql, { name: values.name!, role: values.role as ApiKeyRole, ...key }).catch((error: { code?: string }) => {
        if (error.code !== "23505") throw error;
        throw new Error(`A key named "${values.name}" exists already (names identify keys in the audit log, so they are never reused); choose another name.`);
      });
      console.log(`Created key "${created.name}" (${created.role}). It is shown this once; keep it secret:\n\n${key.token}\n\nSend it as: Authorization: Bearer ${key.token}`);
    } else if (command === "list") {
      const keys = await apiKeyRepository.list(sql);
      if (!keys.length) console.log("No keys yet: npm run keys -- create --name NAME --role reader");
      for (const key of keys) {
        console.log([key.name, key.role, `${key.tokenPrefix}…`, `created ${key.createdAt.toISOString()}`, key.revokedAt ? `REVOKED ${key.revokedAt.toISOString()}` : "active"].join("\t"));
      }
    } else {
      const revoked = await apiKeyRepository.revoke(sql, values.name!);
      if (!revoked) throw new Error(`No key is named "${values.name}" (npm run keys -- list).`);
      console.log(`Revoked key "${revoked.name}" at ${revoked.revokedAt!.toISOString()}; requests with it are now refused.`);
    }
  } finally {
    await database.close();
  }
}

runCli(main);
