/**
 * The records editors change through the API, and for each one the pieces
 * that already exist for bulk files: the import's row schema and reference
 * resolution (so a mutation is validated by exactly the rules an import file
 * is: one piece of code), and the export's columns (so the audit log records a
 * record before and after in the words of an export: slugs and source URLs).
 */
import { EXPORT_TABLES, type ExportTable } from "../export/tables";
import { IMPORT_TABLES, type ImportTable } from "../import/tables";

export const EDITABLE_KINDS = ["chapter", "membership_snapshot", "participation", "fact"] as const;
export type EditableKind = (typeof EDITABLE_KINDS)[number];

export interface Editable {
  /** The table, which is also the audit log's entity type. */
  table: EditableKind;
  /** How the record is named in messages. */
  noun: string;
  /** Its GraphQL type, whose global IDs name it. */
  typeName: string;
  importTable: ImportTable<any>;
  exportTable: ExportTable;
  /** The alias of the table in the export's FROM. */
  alias: string;
  /** Whether the record can be archived (the others are corrected, never removed). */
  archivable: boolean;
  /**
   * Columns the import reads from another when left empty (a fact's numeric
   * value from its value), by the column they are read from: a patch that
   * changes the one and not the other has the other read again, not kept stale.
   */
  derived?: Record<string, string>;
}

export const EDITABLE: Record<EditableKind, Editable> = {
  chapter: { table: "chapter", noun: "chapter", typeName: "Chapter", importTable: IMPORT_TABLES.chapters, exportTable: EXPORT_TABLES.chapters, alias: "c", archivable: true },
  membership_snapshot: {
    table: "membership_snapshot",
    noun: "membership snapshot",
    typeName: "MembershipSnapshot",
    importTable: IMPORT_TABLES.membership,
    exportTable: EXPORT_TABLES.membership,
    alias: "m",
    archivable: false,
  },
  participation: {
    table: "participation",
    noun: "programme participation",
    typeName: "Participation",
    importTable: IMPORT_TABLES.participation,
    exportTable: EXPORT_TABLES.participation,
    alias: "pa",
    archivable: true,
    derived: { since_precision: "since" },
  },
  fact: {
    table: "fact",
    noun: "fact",
    typeName: "Fact",
    importTable: IMPORT_TABLES.facts,
    exportTable: EXPORT_TABLES.facts,
    alias: "f",
    archivable: false,
    derived: { numeric_value: "value", as_of_date: "as_of", as_of_precision: "as_of" },
  },
};
