/** Every migration, in order. Listed rather than globbed: see src/db/data-source.ts. */
import { Init1795922007092 } from "./1795922007092-Init";

export const MIGRATIONS = [Init1795922007092];
