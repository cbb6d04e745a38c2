/**
 * SPDX licence identifiers (https://spdx.org/licenses/), checked against the
 * list that the `spdx-license-ids` package ships (the one npm itself uses to
 * check `license` fields). Deprecated identifiers (e.g. "GPL-2.0") are
 * refused: a new record should use the current one ("GPL-2.0-only").
 */
import spdxIds from "spdx-license-ids/index.json";
import type { FieldRule } from "../validation/fields";

const SPDX_IDS: ReadonlySet<string> = new Set(spdxIds);
const BY_LOWER_CASE = new Map(spdxIds.map((id) => [id.toLowerCase(), id]));

/** Whether `id` is a current SPDX licence identifier, spelt exactly. */
export const isSpdxLicenceId = (id: string): boolean => SPDX_IDS.has(id);

/** The canonical spelling of an identifier given in another case ("cc0-1.0" → "CC0-1.0"), for a message. */
const spdxSpelling = (id: string): string | undefined => BY_LOWER_CASE.get(id.toLowerCase());

/** An SPDX licence identifier, spelt exactly as the list spells it. */
export const spdxLicenceId = (): FieldRule<string> => (raw) => {
  if (typeof raw !== "string") return { ok: false, message: `must be an SPDX licence identifier such as "CC-BY-4.0", not ${JSON.stringify(raw)}` };
  if (isSpdxLicenceId(raw)) return { ok: true, value: raw };
  const spelling = spdxSpelling(raw);
  return {
    ok: false,
    message: spelling
      ? `must be spelt as the SPDX licence list spells it: "${spelling}", not ${JSON.stringify(raw)}`
      : `must be an SPDX licence identifier such as "CC-BY-4.0" or "CC0-1.0" (https://spdx.org/licenses/), not ${JSON.stringify(raw)}; leave it empty and say the terms in the licence note when no SPDX licence applies`,
  };
};

/**
 * A licence given in the one column (or field) that held both before they were split
 * (`source_licence`, `sourceLicence`): an SPDX identifier as it is, spelt exactly,
 * is the identifier; any other text is the note. Nothing is inferred from words.
 */
export function splitLegacyLicence(licence: string): { id: string | null; note: string | null } {
  return isSpdxLicenceId(licence) ? { id: licence, note: null } : { id: null, note: licence };
}
