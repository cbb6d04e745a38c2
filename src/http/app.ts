/**
 * The HTTP layer: an express app with /graphql. Thin on purpose: everything a
 * request needs is made in its GraphQL context.
 */
import http from "node:http";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { SqlClient } from "../db/sql";
import { createContext } from "../graphql/context";
import { createApolloServer } from "../graphql/server";

export interface HttpServer {
  server: http.Server;
  /** Stops taking requests, lets those in flight finish, then resolves. */
  stop(): Promise<void>;
}

/** Builds the app and starts listening on `port` (0 for any free port). */
export async function startHttpServer(sql: SqlClient, port: number, host: string): Promise<HttpServer> {
  const app = express();
  app.disable("x-powered-by");
  const server = http.createServer(app);
  const apollo = createApolloServer([ApolloServerPluginDrainHttpServer({ httpServer: server })]);
  await apollo.start();

  app.get("/", (_req, res) => {
    res.json({ name: "Internet Society open-data GraphQL API", graphql: "/graphql" });
  });
  app.use("/graphql", express.json({ limit: "100kb" }), expressMiddleware(apollo, { context: async () => createContext(sql) }));

  // Body-parser errors (malformed JSON, a body over the limit) answer in the GraphQL error shape, never with a stack trace.
  app.use((error: { status?: number; message?: string }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    const message = status === 500 ? "Internal server error" : `Bad request: ${error.message}`;
    res.status(status).json({ errors: [{ message, extensions: { code: status === 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST" } }] });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return { server, stop: () => apollo.stop() };
}
