/** `npm run schema:emit`: writes schema/schema.graphql from the code (commit the result). */
import fs from "node:fs";
import { printSchemaSdl, SCHEMA_FILE } from "../graphql/schema";

fs.writeFileSync(SCHEMA_FILE, printSchemaSdl());
console.log(`Wrote ${SCHEMA_FILE}`);
