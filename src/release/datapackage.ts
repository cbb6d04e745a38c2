/**
 * A release's `datapackage.json`: a Frictionless Data Package
 * (https://specs.frictionlessdata.io/data-package/) with one resource per
 * file. Each CSV is a Tabular Data Resource with its Table Schema (types,
 * constraints, primary and foreign keys); each Parquet file is a Data
 * Resource with the same schema (its types are in the file itself). Field
 * descriptions are the GraphQL schema's, so the API and the files explain a
 * column in the same words. Checksums are `sha256:<hex>` as the specification
 * writes them; `rows` and `dataVersion` are this project's additions.
 */
import { isObjectType, type GraphQLSchema } from "graphql";
import type { Field } from "../export/fields";
import type { DescriptorResource } from "./store";
import type { ReleaseTable } from "./tables";

/** The package's name (one package, many versions: the releases). */
export const PACKAGE_NAME = "isoc-open-data";

export const SYNTHETIC_WARNING =
  "Synthetic data: the per-chapter membership counts (and any other row whose source has synthetic = true) were generated deterministically by this project for demonstration. They are not real Internet Society figures and must not be cited as such. Every row names its source (source_url); filter on synthetic = false for sourced facts only.";

/** What was written for one table: its files and counts. */
export interface WrittenTable {
  table: ReleaseTable;
  rows: number;
  /** Rows citing a synthetic source. */
  syntheticRows: number;
  files: { format: "csv" | "parquet"; path: string; bytes: number; sha256: string }[];
}

/** A source as the package lists it. */
export interface PackageSource {
  url: string;
  title: string | null;
  licence: string;
  synthetic: boolean;
}

export interface PackageInput {
  name: string;
  created: Date;
  dataVersion: string;
  tables: WrittenTable[];
  sources: PackageSource[];
}

const MEDIA_TYPES = { csv: "text/csv", parquet: "application/vnd.apache.parquet" } as const;

/** The description of a field: its own, or its GraphQL field's. Throws when the GraphQL field has none (every one must). */
function describe(schema: GraphQLSchema, field: Field): string {
  if (field.description) return field.description;
  const [typeName, fieldName] = field.describedBy!;
  const type = schema.getType(typeName);
  const description = isObjectType(type) ? type.getFields()[fieldName]?.description : undefined;
  if (!description) throw new Error(`${typeName}.${fieldName}, which describes the column ${field.name}, has no description in the GraphQL schema.`);
  return description;
}

/** The Table Schema of a table. */
export function tableSchemaOf(schema: GraphQLSchema, table: ReleaseTable): Record<string, unknown> {
  return {
    fields: table.fields.map((field) => ({
      name: field.name,
      type: field.type,
      // Instants carry microseconds, which the default datetime format (seconds) does not; "any" reads ISO 8601 with them.
      ...(field.type === "datetime" ? { format: "any" } : {}),
      description: describe(schema, field),
      constraints: { required: field.required, ...(field.unique ? { unique: true } : {}), ...(field.enum ? { enum: [...field.enum] } : {}) },
    })),
    // An empty CSV cell is a missing value (NULL); a present empty text never occurs in these tables.
    missingValues: [""],
    primaryKey: table.primaryKey,
    ...(table.foreignKeys.length ? { foreignKeys: table.foreignKeys } : {}),
  };
}

/** A licence as the specification lists it: an Open Definition identifier when the licence is one (e.g. "CC0-1.0"), its words otherwise. */
function licenceOf(licence: string): Record<string, string> {
  return /^[A-Za-z0-9.-]+$/.test(licence) ? { name: licence, title: licence } : { title: licence };
}

/** The descriptor of a release. */
export function buildDataPackage(schema: GraphQLSchema, input: PackageInput): Record<string, unknown> & { resources: DescriptorResource[] } {
  const syntheticTables = input.tables.filter((t) => t.syntheticRows > 0).map((t) => `${t.table.name} (${t.syntheticRows} of ${t.rows} rows)`);
  const licences = [...new Set(input.sources.map((source) => source.licence))].sort();
  const resources: DescriptorResource[] = input.tables.flatMap(({ table, rows, syntheticRows, files }) =>
    files.map((file) => ({
      name: file.format === "csv" ? table.name : `${table.name}-parquet`,
      path: file.path,
      profile: file.format === "csv" ? "tabular-data-resource" : "data-resource",
      title: `${table.name} (${file.format === "csv" ? "CSV" : "Parquet"})`,
      description: table.description,
      format: file.format,
      mediatype: MEDIA_TYPES[file.format],
      ...(file.format === "csv" ? { encoding: "utf-8" } : {}),
      bytes: file.bytes,
      hash: `sha256:${file.sha256}`,
      rows,
      syntheticRows,
      ...(syntheticRows > 0 ? { synthetic: SYNTHETIC_WARNING } : {}),
      schema: tableSchemaOf(schema, table),
    })),
  );
  return {
    profile: "data-package",
    name: PACKAGE_NAME,
    id: `${PACKAGE_NAME}/${input.name}`,
    title: `Internet Society open data, release ${input.name}`,
    description: [
      "The Internet Society's organisational data (chapters, membership counts over time, programmes and participation, awards, principles, objectives, dated facts, its own texts, and every source they cite), frozen as served by the open-data GraphQL API at data version " +
        `${input.dataVersion}. Each table is given as CSV and as Parquet with the same rows; every row carries its source's URL, licence and synthetic flag.`,
      syntheticTables.length ? `${SYNTHETIC_WARNING} In this release: ${syntheticTables.join(", ")}.` : "No row of this release cites a synthetic source.",
    ].join("\n\n"),
    version: input.name,
    created: input.created.toISOString(),
    dataVersion: input.dataVersion,
    keywords: ["Internet Society", "ISOC", "chapters", "membership", "open data"],
    licenses: licences.map(licenceOf),
    sources: input.sources.map((source) => ({ title: source.title ?? source.url, path: source.url, ...(source.synthetic ? { synthetic: true } : {}) })),
    resources,
  };
}
