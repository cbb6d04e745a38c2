/**
 * A published release as clients see it (GET /releases and the GraphQL
 * `releases` field alike): its files with their links, checksums and row
 * counts, the data version it froze, and a ready-to-paste citation. One
 * module, so the HTTP list and the GraphQL answer cannot drift apart.
 */
import { loadConfig } from "../config";
import { PACKAGE_NAME } from "./datapackage";
import { DESCRIPTOR_FILE, ReleaseStore, sha256Of, type Descriptor } from "./store";

export interface ReleaseFileSummary {
  /** The file's name within the release (e.g. "membership.parquet"). */
  path: string;
  url: string;
  /** The table it holds. */
  table: string;
  format: string;
  mediaType: string;
  bytes: number;
  sha256: string;
  rows: number;
}

export interface ReleaseSummary {
  id: string;
  created: string;
  dataVersion: string;
  dataPackageUrl: string;
  /** Rows citing a synthetic source, over every table (each counted once, not per format). */
  syntheticRows: number;
  files: ReleaseFileSummary[];
  citation: { apa: string; bibtex: string };
}

/** The title every citation gives the data set. */
export const DATASET_TITLE = "Internet Society open data";
/** Who is credited: the project that compiles and publishes the data (the figures' own sources are listed in each package). */
export const DATASET_AUTHOR = "isoc-open-data-api contributors";

/** The releases of the configured folder (RELEASES_DIR), and the base of their links (PUBLIC_URL, or none). */
export function configuredCatalog(): { store: ReleaseStore; baseUrl: string } {
  const config = loadConfig();
  return { store: new ReleaseStore(config.releasesDir), baseUrl: config.publicUrl ?? "" };
}

/** A release's address: `/releases/{id}` under `baseUrl`. */
export const releaseUrl = (baseUrl: string, id: string, file?: string): string => `${baseUrl}/releases/${encodeURIComponent(id)}${file ? `/${encodeURIComponent(file)}` : ""}`;

/** APA-style (7th edition, data set) and BibTeX citations of a release. */
export function citationOf(release: Descriptor, dataPackageUrl: string, syntheticRows: number): ReleaseSummary["citation"] {
  const year = release.created.slice(0, 4);
  const accessed = release.created.slice(0, 10);
  const key = `${PACKAGE_NAME}-${release.version}`.replace(/[^A-Za-z0-9-]/g, "-");
  return {
    apa: `${DATASET_AUTHOR}. (${year}). ${DATASET_TITLE} (Version ${release.version}; data version ${release.dataVersion}) [Data set]. ${dataPackageUrl}`,
    bibtex: [
      `@misc{${key},`,
      `  author = {{${DATASET_AUTHOR}}},`,
      `  title = {{${DATASET_TITLE}}},`,
      `  year = {${year}},`,
      `  version = {${release.version}},`,
      `  howpublished = {Data set (Frictionless Data Package), data version ${release.dataVersion}},`,
      `  url = {${dataPackageUrl}},`,
      `  note = {Created ${accessed}.${syntheticRows ? ` ${syntheticRows} rows cite a synthetic source (generated for demonstration, not real figures); see the package description.` : ""}}`,
      `}`,
    ].join("\n"),
  };
}

/** The summary of a release, its links under `baseUrl`. */
export function summaryOf(release: Descriptor, baseUrl: string): ReleaseSummary {
  const dataPackageUrl = releaseUrl(baseUrl, release.version, DESCRIPTOR_FILE);
  const syntheticRows = release.resources.filter((resource) => resource.format === "csv").reduce((sum, resource) => sum + Number(resource.syntheticRows ?? 0), 0);
  return {
    id: release.version,
    created: release.created,
    dataVersion: release.dataVersion,
    dataPackageUrl,
    syntheticRows,
    files: release.resources.map((resource) => ({
      path: resource.path,
      url: releaseUrl(baseUrl, release.version, resource.path),
      table: resource.path.replace(/\.[^.]+$/, ""),
      format: resource.format,
      mediaType: resource.mediatype,
      bytes: resource.bytes,
      sha256: sha256Of(resource),
      rows: resource.rows,
    })),
    citation: citationOf(release, dataPackageUrl, syntheticRows),
  };
}
