/**
 * The sources an import file cites by URL. A URL already recorded is reused as
 * it is; a new one becomes a Source row, with the licence (SPDX identifier
 * and/or note) and synthetic flag the file gives. A file never changes a
 * recorded source: where its licence or synthetic flag disagrees with the
 * record, that is a problem to fix, because
 * a figure silently re-labelled as real (or under another licence) is worse
 * than a refused file.
 */
import type { EntityManager } from "typeorm";
import { splitLegacyLicence } from "../licensing/spdx";
import { upsert } from "../seed/upsert";
import type { NumberedRow } from "../validation/record";
import type { ProvenanceValues } from "../validation/schemas";
import type { ProblemList } from "./problems";

/** A value a row gives, and where: the row and the column (a licence may come from the old `source_licence`). */
interface Given<T> {
  value: T;
  row: number;
  column: string;
}

/** What the file says about one source, and the first row that said it. */
interface Declared {
  licenceId: Given<string> | null;
  licenceNote: Given<string> | null;
  synthetic: Given<boolean> | null;
  firstRow: number;
}

/** The licence a row gives: its two columns, or the old single column split as the migration split it. */
function licenceOf(row: number, value: ProvenanceValues, problems: ProblemList): { id: Given<string> | null; note: Given<string> | null } {
  if (value.source_licence !== null) {
    if (value.source_licence_id !== null || value.source_licence_note !== null) {
      problems.add(row, "source_licence", "is the old single licence column: give source_licence_id and source_licence_note instead, not beside them");
    }
    const { id, note } = splitLegacyLicence(value.source_licence);
    return {
      id: id === null ? null : { value: id, row, column: "source_licence" },
      note: note === null ? null : { value: note, row, column: "source_licence" },
    };
  }
  return {
    id: value.source_licence_id === null ? null : { value: value.source_licence_id, row, column: "source_licence_id" },
    note: value.source_licence_note === null ? null : { value: value.source_licence_note, row, column: "source_licence_note" },
  };
}

/** Keeps the first value given for a source; a later row that gives another is a problem. */
function agree<T>(first: Given<T> | null, next: Given<T> | null, problems: ProblemList): Given<T> | null {
  if (!first || !next) return first ?? next;
  if (first.value !== next.value) problems.add(next.row, next.column, `differs from row ${first.row} for the same source_url (${JSON.stringify(first.value)})`);
  return first;
}

/** Collects each URL's licence and synthetic flag; rows that contradict an earlier row are problems. */
function declarations(rows: NumberedRow<ProvenanceValues>[], problems: ProblemList): Map<string, Declared> {
  const byUrl = new Map<string, Declared>();
  for (const { row, value } of rows) {
    let declared = byUrl.get(value.source_url);
    if (!declared) byUrl.set(value.source_url, (declared = { licenceId: null, licenceNote: null, synthetic: null, firstRow: row }));
    const licence = licenceOf(row, value, problems);
    declared.licenceId = agree(declared.licenceId, licence.id, problems);
    declared.licenceNote = agree(declared.licenceNote, licence.note, problems);
    declared.synthetic = agree(declared.synthetic, value.synthetic === null ? null : { value: value.synthetic, row, column: "synthetic" }, problems);
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
  const recorded: { id: number; url: string; licence_id: string | null; licence_note: string | null; synthetic: boolean }[] = await manager.query(
    `SELECT id, url, licence_id, licence_note, synthetic FROM source WHERE url = ANY($1::text[])`,
    [[...declared.keys()]],
  );
  const ids = new Map(recorded.map((source) => [source.url, source.id]));
  const unchanged = (given: Given<unknown> | null, recordedValue: unknown, what: string, url: string) => {
    if (given && given.value !== recordedValue) {
      problems.add(given.row, given.column, `is not the ${what} recorded for ${url} (${recordedValue === null ? "none" : JSON.stringify(recordedValue)}); an import does not change a source`);
    }
  };
  for (const source of recorded) {
    const { licenceId, licenceNote, synthetic } = declared.get(source.url)!;
    unchanged(licenceId, source.licence_id, "licence identifier", source.url);
    unchanged(licenceNote, source.licence_note, "licence note", source.url);
    if (synthetic && synthetic.value !== source.synthetic) {
      problems.add(synthetic.row, "synthetic", `is ${synthetic.value}, but ${source.url} is recorded as ${source.synthetic ? "synthetic" : "real"}; an import does not change a source`);
    }
  }
  const toCreate = [...declared].filter(([url]) => !ids.has(url));
  for (const [url, { licenceId, licenceNote, firstRow }] of toCreate) {
    if (!licenceId && !licenceNote) {
      problems.add(firstRow, "source_licence_id", `must be given, or source_licence_note: the source ${url} is not recorded yet, and a new source needs its licence (an SPDX identifier, or the terms in words)`);
    }
  }
  if (!problems.empty || toCreate.length === 0) return { ids, created: 0 };

  const created = await upsert(
    manager,
    {
      table: "source",
      key: ["url"],
      columns: ["url", "licence_id", "licence_note", "synthetic", "note"].map((name) => ({ name, type: name === "synthetic" ? "boolean" : "text" })),
    },
    toCreate.map(([url, { licenceId, licenceNote, synthetic }]) => ({
      url,
      licence_id: licenceId?.value ?? null,
      licence_note: licenceNote?.value ?? null,
      synthetic: synthetic?.value ?? false,
      note: `Recorded by importing ${fileName}.`,
    })),
  );
  const added: { id: number; url: string }[] = await manager.query(`SELECT id, url FROM source WHERE url = ANY($1::text[])`, [toCreate.map(([url]) => url)]);
  for (const source of added) ids.set(source.url, source.id);
  return { ids, created };
}
