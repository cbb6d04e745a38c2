/**
 * The data's licence is stated in one constant (src/licensing/data-licence.ts);
 * the documents a person reads say the same: each names its identifiers and
 * URLs and says what it does not cover. The landing page is built from it.
 */
import fs from "node:fs";
import path from "node:path";
import express from "express";
import type { AddressInfo } from "node:net";
import { PROJECT_ROOT } from "../../src/config";
import { landingRoutes } from "../../src/http/landing.routes";
import { DATA_LICENCE } from "../../src/licensing/data-licence";
import { isSpdxLicenceId, splitLegacyLicence } from "../../src/licensing/spdx";

const read = (file: string) => fs.readFileSync(path.join(PROJECT_ROOT, file), "utf8");

describe("the data licence", () => {
  it("is made of SPDX identifiers", () => {
    expect([DATA_LICENCE.compilation.id, DATA_LICENCE.synthetic.id].map(isSpdxLicenceId)).toEqual([true, true]);
  });

  it.each(["README.md", "seed-data/DATA-README.md"])("is stated in %s with its identifiers, URLs and the Internet Society's texts excepted", (file) => {
    const text = read(file).replace(/\s+/g, " ");
    for (const licence of [DATA_LICENCE.compilation, DATA_LICENCE.synthetic]) {
      expect(text).toContain(licence.id);
      expect(text).toContain(licence.url);
    }
    expect(text).toContain(path.basename(DATA_LICENCE.exception.sourceUrl));
    expect(text).toMatch(/remain © Internet Society/);
    expect(text).toMatch(/not ours to license/);
  });

  it("is named in CITATION.cff beside the software's own licence", () => {
    const citation = read("CITATION.cff");
    expect(citation).toMatch(/^license: MIT$/m);
    expect(citation).toContain(`compilation is under ${DATA_LICENCE.compilation.id}`);
    expect(citation).toContain(`synthetic figures under ${DATA_LICENCE.synthetic.id}`);
  });

  it("is on the landing page, in HTML (with rel=license links) and in the JSON map", async () => {
    const app = express().use(landingRoutes());
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const page = await (await fetch(base, { headers: { accept: "text/html" } })).text();
      expect(page).toContain(`<a href="${DATA_LICENCE.compilation.url}" rel="license">`);
      expect(page).toContain(`<a href="${DATA_LICENCE.synthetic.url}" rel="license">`);
      expect(page).toContain(DATA_LICENCE.exception.text);
      const map = await (await fetch(base, { headers: { accept: "application/json" } })).json();
      expect(map.license).toMatchObject({ id: "ODC-By-1.0", url: DATA_LICENCE.compilation.url, synthetic: "CC0-1.0" });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("a licence given in the old single column", () => {
  it.each([
    ["CC0-1.0", { id: "CC0-1.0", note: null }],
    ["CC-BY-4.0", { id: "CC-BY-4.0", note: null }],
    ["CC BY 4.0", { id: null, note: "CC BY 4.0" }],
    ["cc0-1.0", { id: null, note: "cc0-1.0" }],
    ["facts only", { id: null, note: "facts only" }],
  ])("%j is split into %j: only an exact SPDX identifier is one", (licence, expected) => {
    expect(splitLegacyLicence(licence)).toEqual(expected);
  });
});
