/**
 * Field resolvers receive their parent row as it is. For a `@Root()`
 * parameter declared with a class, type-graphql copies the parent into a new
 * instance of that class on every call (`convertToType`): one copy of each row
 * for each field resolved on it, a hundred rows × five fields per listing, all
 * garbage a moment later. The object types here are shapes (no methods, no
 * getters; resolvers read the row's properties), so the copy buys nothing.
 *
 * type-graphql has no switch for it: its `@Root()` metadata records the
 * declared class (`getType`), read on every call, and without one it passes
 * the parent on unchanged. Clearing it keeps every resolver as written.
 */
import { getMetadataStorage } from "type-graphql";

export function passRootsUncopied(): void {
  for (const param of getMetadataStorage().params) {
    if (param.kind === "root") param.getType = undefined;
  }
}
