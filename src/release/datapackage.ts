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
import { DATA_LICENCE, DATA_LICENCE_STATEMENT } from "../licensing/data-licence";
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
  /** The sources its rows cite (null for a table whose rows cite none: the sources themselves). */
  citedSources: CitedSource[] | null;
  files: { format: "csv" | "parquet"; path: string; bytes: number; sha256: string }[];
}

/** A source as the package lists it. */
export interface PackageSource {
  url: string;
  title: string | null;
  licenceId: string | null;
  licenceNote: string | null;
  synthetic: boolean;
}

/** A source some rows of a table cite, with its licence identifier. */
export interface CitedSource {
  url: string;
  licenceId: string | null;
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

/** A licence as the specification lists it: `name` its Open Definition/SPDX identifier, `path` its text, `title` its full name. */
function licenceOf(id: string): Record<string, string> {
  const ours = [DATA_LICENCE.compilation, DATA_LICENCE.synthetic].find((licence) => licence.id === id);
  return { name: id, path: ours?.url ?? `https://spdx.org/licenses/${id}.html`, title: ours?.title ?? id };
}

/**
 * The licences of a file's rows: a row is offered under its source's SPDX
 * licence where it has one, under the compilation's licence otherwise, except
 * the Internet Society's own texts, which no licence of ours covers.
 */
function resourceLicences(cited: CitedSource[] | null): Record<string, unknown> {
  if (!cited) return {};
  const quoted = cited.some((source) => source.licenceId === null && source.url === DATA_LICENCE.exception.sourceUrl);
  const ids = [...new Set(cited.filter((source) => source.licenceId !== null || source.url !== DATA_LICENCE.exception.sourceUrl).map((source) => source.licenceId ?? DATA_LICENCE.compilation.id))].sort();
  return { ...(ids.length ? { licenses: ids.map(licenceOf) } : {}), ...(quoted ? { licenseNote: DATA_LICENCE.exception.text } : {}) };
}

/** The descriptor of a release. */
export function buildDataPackage(schema: GraphQLSchema, input: PackageInput): Record<string, unknown> & { resources: DescriptorResource[] } {
  const syntheticTables = input.tables.filter((t) => t.syntheticRows > 0).map((t) => `${t.table.name} (${t.syntheticRows} of ${t.rows} rows)`);
  const resources: DescriptorResource[] = input.tables.flatMap(({ table, rows, syntheticRows, citedSources, files }) =>
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
      ...resourceLicences(citedSources),
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
        `${input.dataVersion}. Each table is given as CSV and as Parquet with the same rows; every row carries its source's URL, licence (SPDX identifier and note) and synthetic flag.`,
      `Licence: ${DATA_LICENCE_STATEMENT} Each file whose rows cite sources lists the licences of its rows in its own \`licenses\` (a source's SPDX licence where it has one, the compilation's otherwise).`,
      syntheticTables.length ? `${SYNTHETIC_WARNING} In this release: ${syntheticTables.join(", ")}.` : "No row of this release cites a synthetic source.",
    ].join("\n\n"),
    version: input.name,
    created: input.created.toISOString(),
    dataVersion: input.dataVersion,
    keywords: ["Internet Society", "ISOC", "chapters", "membership", "open data"],
    licenses: [DATA_LICENCE.compilation.id, DATA_LICENCE.synthetic.id].map(licenceOf),
    sources: input.sources.map((source) => ({
      title: source.title ?? source.url,
      path: source.url,
      ...(source.licenceId ? { licenseId: source.licenceId } : {}),
      ...(source.licenceNote ? { licenseNote: source.licenceNote } : {}),
      ...(source.synthetic ? { synthetic: true } : {}),
    })),
    resources,
  };
}
