/**
 * The process's logger: JSON lines (one per event) for log collectors, and
 * human-readable lines when a person watches a terminal.
 */
import cluster from "node:cluster";
import pino from "pino";

export const logger = pino({
  level: process.env.LOG_LEVEL?.trim() || "info",
  // Workers of a cluster (WORKERS > 1) say which process logged a line; a single process need not.
  base: cluster.isWorker ? { pid: process.pid } : undefined,
  // Secrets never reach a log line, whatever a caller passes in.
  redact: { paths: ["req.headers.authorization", "req.headers.cookie", "headers.authorization", "variables", "*.variables"], remove: true },
  // In a terminal, one line per event: the message (a request's says method, path, status, time and
  // operation) and the remaining fields on the same line; the fields the message already says are left out.
  ...(process.stdout.isTTY && process.env.NODE_ENV !== "test"
    ? {
        transport: {
          target: "pino-pretty",
          options: { colorize: true, singleLine: true, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname,req,res,responseTime,operation,outcome,statements,report" },
        },
      }
    : {}),
});
