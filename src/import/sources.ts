/**
 * The sources an import file cites by URL. A URL already recorded is reused as
 * it is; a new one becomes a Source row, with the licence and synthetic flag
 * the file gives. A file never changes a recorded source: where its licence or
 * synthetic flag disagrees with the record, that is a problem to fix, because
 * a figure silently re-labelled as real (or under another licence) is worse
 * than a refused file.
 */
import type { EntityManager } from "typeorm";
import { upsert } from "../seed/upsert";
import type { NumberedRow } from "../validation/record";
import type { ProvenanceValues } from "../validation/schemas";
import type { ProblemList } from "./problems";

/** What the file says about one source, and the first row that said it. */
interface Declared {
  licence: { value: string; row: number } | null;
  synthetic: { value: boolean; row: number } | null;
  firstRow: number;
}

/** Collects each URL's licence and synthetic flag; rows that contradict an earlier row are problems. */
function declarations(rows: NumberedRow<ProvenanceValues>[], problems: ProblemList): Map<string, Declared> {
  const byUrl = new Map<string, Declared>();
  for (const { row, value } of rows) {
    let declared = byUrl.get(value.source_url);
    if (!declared) byUrl.set(value.source_url, (declared = { licence: null, synthetic: null, firstRow: row }));
    if (value.source_licence !== null) {
      if (!declared.licence) declared.licence = { value: value.source_licence, row };
      else if (declared.licence.value !== value.source_licence) {
        problems.add(row, "source_licence", `differs from row ${declared.licence.row} for the same source_url (${JSON.stringify(declared.licence.value)})`);
      }
    }
    if (value.synthetic !== null) {
      if (!declared.synthetic) declared.synthetic = { value: value.synthetic, row };
      else if (declared.synthetic.value !== value.synthetic) {
        problems.add(row, "synthetic", `differs from row ${declared.synthetic.row} for the same source_url (${declared.synthetic.value})`);
      }
    }
  }
  return byUrl;
}

export interface ResolvedSources {
  /** Source id by URL, for every URL of the file (when there were no problems). */
  ids: Map<string, number>;
  /** Sources the file added. */
  created: number;
}

/** Finds or creates the source of every row, in the import's transaction; disagreements are added to `problems`. */
export async function resolveSources(
  manager: EntityManager,
  fileName: string,
  rows: NumberedRow<ProvenanceValues>[],
  problems: ProblemList,
): Promise<ResolvedSources> {
  const declared = declarations(rows, problems);
  const recorded: { id: number; url: string; licence: string; synthetic: boolean }[] = await manager.query(
    `SELECT id, url, licence, synthetic FROM source WHERE url = ANY($1::text[])`,
    [[...declared.keys()]],
  );
  const ids = new Map(recorded.map((source) => [source.url, source.id]));
  for (const source of recorded) {
    const { licence, synthetic } = declared.get(source.url)!;
    if (licence && licence.value !== source.licence) {
      problems.add(licence.row, "source_licence", `is not the licence recorded for ${source.url} (${JSON.stringify(source.licence)}); an import does not change a source`);
    }
    if (synthetic && synthetic.value !== source.synthetic) {
      problems.add(synthetic.row, "synthetic", `is ${synthetic.value}, but ${source.url} is recorded as ${source.synthetic ? "synthetic" : "real"}; an import does not change a source`);
    }
  }
  const toCreate = [...declared].filter(([url]) => !ids.has(url));
  for (const [url, { licence, firstRow }] of toCreate) {
    if (!licence) problems.add(firstRow, "source_licence", `must be given: the source ${url} is not recorded yet, and a new source needs its licence`);
  }
  if (!problems.empty || toCreate.length === 0) return { ids, created: 0 };

  const created = await upsert(
    manager,
    { table: "source", key: ["url"], columns: [{ name: "url", type: "text" }, { name: "licence", type: "text" }, { name: "synthetic", type: "boolean" }, { name: "note", type: "text" }] },
    toCreate.map(([url, { licence, synthetic }]) => ({ url, licence: licence!.value, synthetic: synthetic?.value ?? false, note: `Recorded by importing ${fileName}.` })),
  );
  const added: { id: number; url: string }[] = await manager.query(`SELECT id, url FROM source WHERE url = ANY($1::text[])`, [toCreate.map(([url]) => url)]);
  for (const source of added) ids.set(source.url, source.id);
  return { ids, created };
}
