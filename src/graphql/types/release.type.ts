import { DateTimeResolver } from "graphql-scalars";
import { Field, Float, ID, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "One file of a data release: a table as CSV or as Parquet, with its checksum and row count." })
export class ReleaseFile {
  @Field({ description: 'The file\'s name within the release (e.g. "membership.parquet").' })
  path: string;

  @Field({ description: "Where to download it (immutable: cacheable forever, ETag = its SHA-256, range requests accepted). Absolute when the server is configured with PUBLIC_URL, else root-relative (\"/releases/…\"): text, not a `URL`, for that reason." })
  url: string;

  @Field({ description: 'The table it holds (e.g. "membership"); the data package describes its columns.' })
  table: string;

  @Field({ description: '"csv" or "parquet". Both files of a table hold the same rows, in the same order.' })
  format: string;

  @Field({ description: "Its media type (text/csv, application/vnd.apache.parquet)." })
  mediaType: string;

  @Field(() => Float, { description: "Its size in bytes (a Float: a file may exceed 2^31 bytes)." })
  bytes: number;

  @Field({ description: "The SHA-256 of its bytes, in hex: check a download against it (`sha256sum`)." })
  sha256: string;

  @Field(() => Int, { description: "How many data rows it holds (a CSV's header is not counted)." })
  rows: number;
}

@ObjectType({ description: "Ready-to-paste citations of a data release." })
export class ReleaseCitation {
  @Field({ description: "APA-style (7th edition, data set) reference." })
  apa: string;

  @Field({ description: "A BibTeX @misc entry." })
  bibtex: string;
}

@ObjectType({
  description:
    "An immutable, citable snapshot of the public data (`npm run release`): every table as CSV and Parquet, described by a Frictionless data package, " +
    "with the data version it froze. Compare `dataVersion` with a live answer's `extensions.dataVersion` to tell whether the answer matches the release.",
})
export class Release {
  @Field(() => ID, { description: 'The release\'s name (e.g. "2026-12"), as in its URLs. Not a global ID: a release is not a node.' })
  id: string;

  @Field(() => DateTimeResolver, { description: "When the release was made." })
  created: Date;

  @Field({ description: "The data version the release froze: every file was read in one snapshot of the database, at this version." })
  dataVersion: string;

  @Field({ description: "The address of its Frictionless datapackage.json (the files, their Table Schemas, licences, sources and checksums); absolute or root-relative as `ReleaseFile.url`." })
  dataPackageUrl: string;

  @Field(() => Int, { description: "How many of its rows cite a synthetic source (generated for demonstration, not real), over every table, each row counted once." })
  syntheticRows: number;

  @Field(() => [ReleaseFile], { description: "Its files: each table as CSV and as Parquet." })
  files: ReleaseFile[];

  @Field(() => ReleaseCitation, { description: "How to cite it." })
  citation: ReleaseCitation;
}
