/**
 * Keeps the current data version (see migrations/…-DataVersion.ts) in memory,
 * from PostgreSQL's NOTIFY data_changed on a dedicated connection: response
 * caches key entries by it at no cost per request. While the connection is
 * down the version is unknown (null) and caches must not answer: a change
 * could be missed.
 */
import { Client } from "pg";
import { logger } from "../observability/logger";

export class DataVersionWatcher {
  private client: Client | undefined;
  private current: string | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(private readonly url: string) {}

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
    if (!this.client) return;
    const { rows } = await this.client.query<{ version: string }>(`SELECT version::text FROM data_version WHERE id = 1`);
    this.current = rows[0]?.version ?? null;
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

  private scheduleReconnect(): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.connect();
    }, 1000);
    this.retry.unref();
  }
}
