import pino from "pino";

/** The process's logger: JSON lines, one per event. */
export const logger = pino({ level: process.env.LOG_LEVEL?.trim() || "info", base: undefined });
