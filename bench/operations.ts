/**
 * The named operations the benchmarks and the soak drive, as a dashboard, a
 * partner listing and a researcher would send them.
 */
export interface Operation {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

export const OPERATIONS: Operation[] = [
  {
    name: "listing",
    query: `query Listing { chapters(first: 100) { totalCount nodes { id name country { code name } region { name }
      programmes { since programme { name } } membership { latest { date individualMembers organizationMembers synthetic } } } } }`,
  },
  {
    name: "detail",
    query: `query Detail { chapter(slug: "kenya") { name status region { name } country { name } programmes { programme { name } }
      membership { history(from: "2024-01-01", to: "2025-12-31") { date individualMembers organizationMembers synthetic } } source { url } } }`,
  },
  {
    name: "dashboard",
    query: `query Dashboard { regions { name q1: memberTotals(at: "2024-03-31") { individualMembers synthetic }
      q2: memberTotals(at: "2024-06-30") { individualMembers } q3: memberTotals(at: "2024-09-30") { individualMembers }
      q4: memberTotals(at: "2024-12-31") { individualMembers } } }`,
  },
  {
    name: "node",
    query: `query Nodes($ids: [ID!]!) { nodes(ids: $ids) { id ... on Chapter { name region { name } } } }`,
    variables: { ids: Array.from({ length: 20 }, (_, i) => Buffer.from(`Chapter:${i + 1}`).toString("base64url")) },
  },
  {
    // A dashboard's chart: members by region, a point per quarter over the data set's ten years.
    name: "memberStats",
    query: `query MemberStats { memberStats(groupBy: REGION, interval: QUARTER, from: "2016-01-01", to: "2025-12-31") {
      key label synthetic points { date individualMembers organizationMembers chapterCount synthetic } } }`,
  },
];
