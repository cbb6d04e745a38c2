/**
 * How much of a stored date the source actually gives. Sources say "2015" or
 * "2018-02" as often as a full day; the database stores the first day of that
 * period and this precision, so nothing pretends to know more than its source.
 */
export const DATE_PRECISIONS = ["day", "month", "year"] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];
