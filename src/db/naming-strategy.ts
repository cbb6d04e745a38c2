import { DefaultNamingStrategy, type NamingStrategyInterface } from "typeorm";

/** `foundedOn` → `founded_on`. */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

/**
 * Maps camelCase entity properties to snake_case columns, so the SQL in
 * repositories reads like SQL (`founded_on`, not `"foundedOn"`) without a
 * `name:` on every column. Constraint and index names are given explicitly in
 * the entities, so migrations read `chapter_region_id_fkey`, not a hash.
 */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  columnName(propertyName: string, customName: string | undefined, prefixes: string[]): string {
    return snakeCase([...prefixes, customName ?? propertyName].join("_"));
  }

  joinColumnName(relationName: string, referencedColumnName: string): string {
    return snakeCase(`${relationName}_${referencedColumnName}`);
  }
}
