/**
 * `npm run schema:check [-- BASE_REF]`: partners' pages break when the schema
 * breaks. Compares the committed schema/schema.graphql with the one at
 * BASE_REF (default HEAD~1: the previous commit of main) and applies the
 * rule of src/graphql/schema-compat.ts.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../config";
import { compareSchemas } from "../graphql/schema-compat";

const SCHEMA_PATH = "schema/schema.graphql";

function previousSchema(ref: string): string | null {
  try {
    return execFileSync("git", ["show", `${ref}:${SCHEMA_PATH}`], { cwd: PROJECT_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const ref = process.argv[2] ?? process.env.SCHEMA_BASE_REF ?? "HEAD~1";
  const before = previousSchema(ref);
  if (before === null) {
    console.log(`schema:check: no ${SCHEMA_PATH} at ${ref}; nothing to compare.`);
    return;
  }
  const after = fs.readFileSync(path.join(PROJECT_ROOT, SCHEMA_PATH), "utf8");
  const changelog = fs.existsSync(path.join(PROJECT_ROOT, "CHANGELOG.md")) ? fs.readFileSync(path.join(PROJECT_ROOT, "CHANGELOG.md"), "utf8") : "";
  const { changes, problems } = await compareSchemas(before, after, changelog);
  console.log(`schema:check against ${ref}: ${changes.length} change(s).`);
  for (const change of changes) console.log(`  ${change.criticality.level}: ${change.message}`);
  if (problems.length) {
    console.error(`schema:check failed:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
