/**
 * Writing an import's rows: the seed's upsert (src/seed/upsert.ts), in batches
 * inside the import's transaction, with the split a person wants to see —
 * inserted, updated, left unchanged.
 */
import type { EntityManager } from "typeorm";
import { upsert, type UpsertSpec } from "../seed/upsert";

export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Rows per statement: a few hundred kilobytes of JSON, small enough to report progress often. */
const BATCH_ROWS = 2000;

/** How many of `rows` already have a row with their natural key. */
async function countExisting(manager: EntityManager, spec: UpsertSpec, rows: Record<string, unknown>[]): Promise<number> {
  const keys = spec.columns.filter((column) => spec.key.includes(column.name));
  const [{ existing }] = await manager.query(
    `SELECT count(*)::int AS existing
       FROM jsonb_to_recordset($1::jsonb) AS r(${keys.map((k) => `"${k.name}" ${k.type}`).join(", ")})
       JOIN "${spec.table}" t ON (${keys.map((k) => `t."${k.name}"`).join(", ")}) = (${keys.map((k) => `r."${k.name}"`).join(", ")})`,
    [JSON.stringify(rows.map((row) => Object.fromEntries(keys.map((k) => [k.name, row[k.name]]))))],
  );
  return existing;
}

/**
 * Upserts `rows` (natural keys unique among them) and counts what happened.
 * The upsert touches only rows that are new or differ, so it returns inserted
 * plus updated; the rows whose key existed before tell the two apart.
 */
export async function writeRows(
  manager: EntityManager,
  spec: UpsertSpec,
  rows: Record<string, unknown>[],
  onProgress?: (written: number) => void,
): Promise<WriteCounts> {
  const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0 };
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    const existing = await countExisting(manager, spec, batch);
    const changed = await upsert(manager, spec, batch);
    const inserted = batch.length - existing;
    counts.inserted += inserted;
    counts.updated += changed - inserted;
    counts.unchanged += existing - (changed - inserted);
    onProgress?.(start + batch.length);
  }
  return counts;
}
