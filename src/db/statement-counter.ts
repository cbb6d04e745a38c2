/**
 * Counts the SQL statements sent on behalf of one unit of work (a GraphQL
 * request, a test), through AsyncLocalStorage: concurrent requests each see
 * their own count, and no code has to pass a counter around.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface StatementCount {
  statements: number;
}

const storage = new AsyncLocalStorage<StatementCount>();

/** Runs `work` with `counter` as the current counter: statements sent by it and its async continuations add to it. */
export function trackStatements<T>(counter: StatementCount, work: () => T): T {
  return storage.run(counter, work);
}

/** Runs `work` with a fresh counter and returns its result with the number of statements it sent. */
export async function countStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const counter: StatementCount = { statements: 0 };
  const result = await trackStatements(counter, work);
  return { result, statements: counter.statements };
}

/** Records one statement against the current unit of work, if there is one. */
export function recordStatement(): void {
  const counter = storage.getStore();
  if (counter) counter.statements += 1;
}
