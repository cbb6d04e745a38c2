/** The export routes alone on an express app, listening on a free loopback port (src/http/app.ts mounts them in the real server). */
import type { AddressInfo } from "node:net";
import express from "express";
import type { SqlClient } from "../../src/db/sql";
import { exportRoutes } from "../../src/http/export.routes";
import { testBudgets } from "../support/harness";

export interface ExportServer {
  baseUrl: string;
  close(): Promise<void>;
}

/** Serves the export routes over `sql` until closed. */
export async function startExportServer(sql: SqlClient): Promise<ExportServer> {
  const app = express();
  app.use(exportRoutes(sql, testBudgets()));
  const server = await new Promise<import("node:http").Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
