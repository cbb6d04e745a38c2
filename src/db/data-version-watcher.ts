/**
 * Keeps the current data version (see migrations/…-DataVersion.ts) in memory,
 * from PostgreSQL's NOTIFY data_changed on a dedicated connection: response
 * caches key entries by it at no cost per request. While the connection is
 * down the version is unknown (null) and caches must not answer: a change
 * could be missed.
 *
 * With replicas, a new version is published only once every replica has
 * replayed it. Before that, a cache miss could read a replica that has not
 * yet seen the change and store the old answer under the new version, where
 * it would stay until the next change; so meanwhile the version is unknown.
 */
import { Client } from "pg";
import { logger } from "../observability/logger";
import type { SqlClient } from "./sql";

const VERSION_STATEMENT = `SELECT version::text FROM data_version WHERE id = 1`;

export class DataVersionWatcher {
  private client: Client | undefined;
  private current: string | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;
  /** Counts refreshes, so a wait for the replicas that a newer refresh overtook publishes nothing. */
  private refreshes = 0;

  /** `url` is the primary's; `replicas` are clients of the replicas reads go to (none: the primary serves reads). */
  constructor(
    private readonly url: string,
    private readonly replicas: SqlClient[] = [],
  ) {}

  /** The data version, or null while it cannot be known. */
  get version(): string | null {
    return this.current;
  }

  /** Connects and listens; resolves once the first version is known (or the first attempt failed). */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  /** Re-reads the version now: for read-after-write by the process that wrote. */
  async refresh(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const refresh = ++this.refreshes;
    const { rows } = await client.query<{ version: string }>(VERSION_STATEMENT);
    const version = rows[0]?.version ?? null;
    if (version === null || !this.replicas.length) {
      this.current = version;
    } else if (version !== this.current) {
      this.current = null;
      void this.publishOnceReplicasReach(version, refresh, client);
    }
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: "isoc-open-data-api:data-version", connectionTimeoutMillis: 2000 });
    const lost = () => {
      if (this.client !== client) return;
      this.client = undefined;
      this.current = null;
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on("error", lost);
    client.on("end", lost);
    client.on("notification", () => {
      void this.refresh().catch(lost);
    });
    try {
      await client.connect();
      this.client = client;
      await client.query("LISTEN data_changed");
      await this.refresh();
    } catch (error) {
      logger.warn({ err: (error as Error).message }, "data version watcher cannot connect; response cache bypassed until it does");
      lost();
      if (this.client !== client) this.scheduleReconnect();
    }
  }

  /**
   * Polls every replica (backing off up to a second) until each has replayed
   * `version`, then publishes it, unless a newer refresh, a lost connection or
   * a stop has taken over meanwhile.
   */
  private async publishOnceReplicasReach(version: string, refresh: number, client: Client): Promise<void> {
    const target = BigInt(version);
    const reached = (replica: SqlClient) =>
      replica.rows<{ version: string }>(VERSION_STATEMENT).then(
        ([row]) => row !== undefined && BigInt(row.version) >= target,
        () => false,
      );
    const current = () => refresh === this.refreshes && this.client === client && !this.stopped;
    for (let delayMs = 10; current(); delayMs = Math.min(delayMs * 2, 1000)) {
      if ((await Promise.all(this.replicas.map(reached))).every(Boolean)) {
        if (current()) this.current = version;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.connect();
    }, 1000);
    this.retry.unref();
  }
}
