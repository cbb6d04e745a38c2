/**
 * Fields without a resolver of their own are read straight off the row: with
 * no resolver function, graphql-jit compiles such a field into a property
 * read instead of a call (with its resolve info, promise check and error
 * wrapping) per field per row.
 *
 * type-graphql otherwise gives every such field its "basic" resolver, which
 * runs the global and field middlewares and the auth checker around
 * `root[name]`. This project has neither (authorisation is decided per
 * request, src/auth/), so the wrapper only costs: in-process, the listing's
 * 100 chapters × 20 plain fields went from 5.8–6.3 to 4.8–5.2 ms of CPU
 * (bench/RESULTS.md). `simpleResolvers` is type-graphql's own, documented
 * switch for this, set here on every object type rather than in each
 * decorator, so that a new type cannot forget it. No field is renamed
 * (`@Field({ name })`), so the default resolver reads the same property.
 */
import { getMetadataStorage } from "type-graphql";

/** Call before the schema is built. */
export function readPlainFieldsDirectly(): void {
  for (const type of getMetadataStorage().objectTypes) type.simpleResolvers = true;
}
