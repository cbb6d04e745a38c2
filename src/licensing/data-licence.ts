/**
 * The licence of this project's data: a project decision, stated once here and
 * used wherever the licence is given (the landing page, every HTTP export's
 * `Link: rel="license"` header, Parquet key-value metadata, a release's
 * datapackage.json). README.md and seed-data/DATA-README.md say the same in
 * prose; test/licensing checks that they name this constant's identifiers,
 * URLs and exception.
 *
 * Three parts, because the data is of three kinds:
 * - the compilation (its structure, our paraphrased evidence notes, the
 *   selection of facts with their citations): ODC-By-1.0, whose attribution
 *   asks to keep the source citations;
 * - the synthetic figures this project generated: CC0-1.0;
 * - the Internet Society's own texts, quoted verbatim from
 *   seed-data/isoc-about.txt: © Internet Society, not ours to license.
 */
import { ABOUT_DOCUMENT } from "../seed/seed-data";

/** A licence as the SPDX list names it. */
export interface NamedLicence {
  /** Its SPDX identifier (also its Open Definition identifier). */
  id: string;
  title: string;
  url: string;
}

export const DATA_LICENCE = {
  /** The compilation's licence. */
  compilation: {
    id: "ODC-By-1.0",
    title: "Open Data Commons Attribution License v1.0",
    url: "https://opendatacommons.org/licenses/by/1-0/",
  },
  attribution:
    "Keep the source citations (each row's source_url) and name \"Internet Society open data (isoc-open-data)\" as the compilation's origin.",
  /** The figures this project generated (rows whose source has synthetic = true). */
  synthetic: {
    id: "CC0-1.0",
    title: "Creative Commons Zero v1.0 Universal",
    url: "https://creativecommons.org/publicdomain/zero/1.0/",
  },
  /** What the licence does not cover. */
  exception: {
    sourceUrl: ABOUT_DOCUMENT,
    text:
      `Not covered: the Internet Society's own texts quoted verbatim (rows citing ${ABOUT_DOCUMENT}: its name, vision, mission, ` +
      "principles, core values, objectives, activities, offices' descriptions and headline figures' wording) remain © Internet Society; " +
      "they are quoted for reference and are not ours to license.",
  },
} as const satisfies { compilation: NamedLicence; synthetic: NamedLicence; attribution: string; exception: { sourceUrl: string; text: string } };

/** The licence in one paragraph of plain text (Parquet metadata, the JSON map of the landing page). */
export const DATA_LICENCE_STATEMENT =
  `The compilation is offered under ${DATA_LICENCE.compilation.title} (${DATA_LICENCE.compilation.id}, ${DATA_LICENCE.compilation.url}): ` +
  `${DATA_LICENCE.attribution} Synthetic figures (synthetic = true) are under ${DATA_LICENCE.synthetic.title} ` +
  `(${DATA_LICENCE.synthetic.id}, ${DATA_LICENCE.synthetic.url}). ${DATA_LICENCE.exception.text}`;

/** The value of a `Link` header pointing at the licences (RFC 8288; `license` is a registered relation, RFC 4946). */
export const DATA_LICENCE_LINK = [DATA_LICENCE.compilation, DATA_LICENCE.synthetic]
  .map((licence) => `<${licence.url}>; rel="license"; title="${licence.id}"`)
  .join(", ");

/** Key-value metadata a Parquet file carries (read with pyarrow's `schema.metadata`, DuckDB's `parquet_kv_metadata`). */
export const DATA_LICENCE_PARQUET_METADATA: Record<string, string> = {
  license: DATA_LICENCE.compilation.id,
  license_url: DATA_LICENCE.compilation.url,
  synthetic_license: DATA_LICENCE.synthetic.id,
  license_statement: DATA_LICENCE_STATEMENT,
};
