/**
 * What a planned read records beside its rows (src/planning/planned-rows.ts):
 * a planned field answers at once, a planned "none" stays null, and anything
 * not planned, for that row or any other, goes to its loader.
 */
import { attachPlanned, plannedOr } from "../../src/planning/planned-rows";

describe("planned rows", () => {
  const load = jest.fn(() => Promise.resolve("loaded"));
  beforeEach(() => load.mockClear());

  it("answer a planned field with what the plan fetched, at once (no promise), null included", () => {
    const country = { code: "BJ", name: "Benin" };
    const row = { rowId: 1 };
    attachPlanned(row, { country, region: null });
    expect(plannedOr(row, "country", load)).toBe(country);
    expect(plannedOr(row, "region", load)).toBeNull();
    expect(load).not.toHaveBeenCalled();
  });

  it("load a field the plan did not fetch, and every field of a row no plan returned, even one equal to a planned row", async () => {
    const row = { rowId: 1 };
    attachPlanned(row, { country: { code: "BJ" } });
    await expect(plannedOr(row, "source", load)).resolves.toBe("loaded");
    await expect(plannedOr({ rowId: 1 }, "country", load)).resolves.toBe("loaded");
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("keep a row's first record: a second plan reaching the same row object changes nothing", async () => {
    const row = { rowId: 1 };
    attachPlanned(row, { country: "first" });
    attachPlanned(row, { country: "second", region: "second" });
    expect(plannedOr(row, "country", load)).toBe("first");
    expect(await plannedOr(row, "region", load)).toBe("loaded");
  });
});
