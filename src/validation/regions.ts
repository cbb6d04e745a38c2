/**
 * How a region filter value that names no region is refused, in the GraphQL
 * API and in exports alike: regions are named by their slug, exactly; a
 * region's display name ("Africa", as `regions { name }` shows it) or another
 * spelling of its slug is refused with the slug to use, anything else with the
 * list of slugs. One spelling per region keeps cursors, caches and links
 * comparable.
 */
export interface NamedRegion {
  slug: string;
  name: string;
}

/** Why `value` names no region, given every region there is: a clause to follow "filter.region: " or the like. */
export function regionRefusal(value: string, regions: readonly NamedRegion[]): string {
  const shown = `"${value.slice(0, 100)}"`;
  const spelling = value.trim().toLowerCase();
  const meant = regions.find((region) => region.name.toLowerCase() === spelling || region.slug === spelling);
  if (meant) return `${shown} is not a region's slug; use "${meant.slug}" for ${meant.name}`;
  return `no region has the slug ${shown}; the regions are ${regions.map((region) => `"${region.slug}"`).join(", ")}`;
}
