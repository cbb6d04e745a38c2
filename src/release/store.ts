/**
 * The releases folder: one directory per release, named by the release, each
 * holding its data files and its `datapackage.json` (which is also the
 * release's manifest: files, checksums, row counts, data version).
 *
 * Why a release is either whole or absent: it is written into a hidden
 * `.partial-…` directory, every file and the directory are fsynced, and only
 * then is it renamed to its name (rename is atomic within a file system). A
 * process killed or a disk filled before the rename leaves only the hidden
 * directory, which nothing lists or serves and the next release removes. Once
 * published, files are made read-only and never written again.
 */
import fs from "node:fs";
import path from "node:path";

/** The manifest (and Frictionless descriptor) of every release. */
export const DESCRIPTOR_FILE = "datapackage.json";

const PARTIAL_PREFIX = ".partial-";

/** A release name: letters, digits, dots, dashes and underscores, starting with a letter or digit (so never a path). */
const RELEASE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export type ReleaseErrorCode = "INVALID_NAME" | "EXISTS" | "NOT_FOUND";

/** A release that cannot be made or found as asked, with a code a program can test. */
export class ReleaseError extends Error {
  constructor(
    readonly code: ReleaseErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ReleaseError";
  }
}

/** Why `name` cannot name a release, or null when it can. */
export function releaseNameProblem(name: string): string | null {
  if (!RELEASE_NAME.test(name) || name.includes("..")) {
    return `"${name}" cannot name a release: use 1 to 64 letters, digits, ".", "-" or "_", starting with a letter or digit (e.g. 2026-12)`;
  }
  return null;
}

/** The descriptor of a published release, as written (see ./datapackage.ts). */
export type Descriptor = Record<string, unknown> & { name: string; version: string; created: string; dataVersion: string; resources: DescriptorResource[] };
export interface DescriptorResource {
  name: string;
  path: string;
  format: string;
  mediatype: string;
  bytes: number;
  /** `sha256:<hex>`, as the Data Package specification writes a hash other than MD5. */
  hash: string;
  rows: number;
  [property: string]: unknown;
}

/** The hex SHA-256 of a resource (its `hash` without the algorithm). */
export const sha256Of = (resource: DescriptorResource): string => resource.hash.replace(/^sha256:/, "");

export class ReleaseStore {
  constructor(readonly dir: string) {}

  /** The published releases' descriptors, newest first (by `created`). */
  list(): Descriptor[] {
    if (!fs.existsSync(this.dir)) return [];
    return fs
      .readdirSync(this.dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith(".") && fs.existsSync(path.join(this.dir, entry.name, DESCRIPTOR_FILE)))
      .map((entry) => this.read(entry.name))
      .sort((a, b) => b.created.localeCompare(a.created) || b.version.localeCompare(a.version));
  }

  /** The names of the published releases, newest first. */
  names(): string[] {
    return this.list().map((release) => release.version);
  }

  /** The descriptor of release `name`; NOT_FOUND, listing what exists, when there is none. */
  get(name: string): Descriptor {
    if (releaseNameProblem(name) === null && fs.existsSync(path.join(this.dir, name, DESCRIPTOR_FILE))) return this.read(name);
    const names = this.names();
    throw new ReleaseError("NOT_FOUND", `There is no release "${name}"; ${names.length ? `the releases are: ${names.join(", ")}` : "no release has been made yet (npm run release)"}.`);
  }

  /** The path of a file of release `name`: its descriptor or one of its resources; NOT_FOUND, listing the files, otherwise. */
  filePath(name: string, file: string): { path: string; resource?: DescriptorResource } {
    const release = this.get(name);
    if (file === DESCRIPTOR_FILE) return { path: path.join(this.dir, name, DESCRIPTOR_FILE) };
    const resource = release.resources.find((r) => r.path === file);
    if (!resource) {
      const files = [DESCRIPTOR_FILE, ...release.resources.map((r) => r.path)];
      throw new ReleaseError("NOT_FOUND", `Release "${name}" has no file "${file}"; its files are: ${files.join(", ")}.`);
    }
    return { path: path.join(this.dir, name, resource.path), resource };
  }

  /** Refuses a name that is malformed or taken, before anything is written. */
  checkNewName(name: string): void {
    const problem = releaseNameProblem(name);
    if (problem) throw new ReleaseError("INVALID_NAME", `${problem}.`);
    if (fs.existsSync(path.join(this.dir, name))) {
      throw new ReleaseError("EXISTS", `A release named "${name}" exists already, and a release never changes; choose another name (--name).`);
    }
  }

  /**
   * A fresh hidden directory to write release `name` into. Partial directories
   * left by processes that no longer run (killed mid-release) are removed first.
   */
  startPartial(name: string): string {
    fs.mkdirSync(this.dir, { recursive: true });
    for (const entry of fs.readdirSync(this.dir)) {
      const pid = Number(/^\.partial-.*-(\d+)$/.exec(entry)?.[1]);
      if (entry.startsWith(PARTIAL_PREFIX) && pid && !isRunning(pid)) fs.rmSync(path.join(this.dir, entry), { recursive: true, force: true });
    }
    const partial = path.join(this.dir, `${PARTIAL_PREFIX}${name}-${process.pid}`);
    fs.rmSync(partial, { recursive: true, force: true });
    fs.mkdirSync(partial);
    return partial;
  }

  /**
   * Publishes a complete partial directory as release `name`: its files made
   * read-only and flushed to disk, then the directory renamed into place and
   * the rename flushed. A name taken meanwhile fails the rename (the target is
   * not empty) and is refused as EXISTS.
   */
  publish(partial: string, name: string): string {
    for (const file of fs.readdirSync(partial)) {
      const filePath = path.join(partial, file);
      fs.chmodSync(filePath, 0o444);
      fsyncPath(filePath);
    }
    fsyncPath(partial);
    const target = path.join(this.dir, name);
    try {
      fs.renameSync(partial, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOTEMPTY" || (error as NodeJS.ErrnoException).code === "EEXIST") this.checkNewName(name);
      throw error;
    }
    fsyncPath(this.dir);
    return target;
  }

  /** Removes a partial directory (after a failure, or a release identical to one published). */
  discard(partial: string): void {
    fs.rmSync(partial, { recursive: true, force: true });
  }

  private read(name: string): Descriptor {
    return JSON.parse(fs.readFileSync(path.join(this.dir, name, DESCRIPTOR_FILE), "utf8")) as Descriptor;
  }
}

/** Flushes a file's or a directory's contents (a directory's: its entries) to disk. */
export function fsyncPath(target: string): void {
  const fd = fs.openSync(target, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
