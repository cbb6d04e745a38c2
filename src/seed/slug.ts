/** "Côte d'Ivoire Chapter" → "cote-d-ivoire"; the " Chapter" suffix says nothing a slug needs. */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/ Chapter$/, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
