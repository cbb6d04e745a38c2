import type { SqlClient } from "../db/sql";
import type { ObjectiveKind } from "../model/enums";
import type { ActivityRow, CoreValueRow, FactRow, ObjectiveRow, OfficeRow, OrganizationRow, PrincipleRow } from "../model/rows";
import { simpleTable } from "./rows";

const officeTable = simpleTable<OfficeRow>("office", `t.id AS "rowId", t.city, t.country_code AS "countryCode", t.quote, t.source_id AS "sourceId", t.updated_at AS "updatedAt"`);
const principleTable = simpleTable<PrincipleRow>("principle", `t.id AS "rowId", t.position, t.title, t.statement, t.source_id AS "sourceId", t.updated_at AS "updatedAt"`);
const coreValueTable = simpleTable<CoreValueRow>("core_value", `t.id AS "rowId", t.position, t.statement, t.source_id AS "sourceId", t.updated_at AS "updatedAt"`);
const objectiveTable = simpleTable<ObjectiveRow>("objective", `t.id AS "rowId", t.kind, t.ordinal, t.text, t.source_id AS "sourceId", t.updated_at AS "updatedAt"`);
const activityTable = simpleTable<ActivityRow>(
  "activity",
  `t.id AS "rowId", t.group_slug AS "group", t.group_title AS "groupTitle", t.ordinal, t.text, t.source_id AS "sourceId", t.updated_at AS "updatedAt"`,
);
const factTable = simpleTable<FactRow>(
  "fact",
  `t.id AS "rowId", t.subject, t.figure, t.value, t.numeric_value AS "numericValue", t.as_of AS "asOf", t.as_of_date AS "asOfDate",
   t.as_of_precision AS "asOfPrecision", t.headline, t.source_id AS "sourceId", t.updated_at AS "updatedAt", t.version`,
);

export const offices = {
  byIds: officeTable.byIds,
  /** In the order its description names them. */
  all: (sql: SqlClient) => officeTable.list(sql, "true", "t.id"),
};

export const principles = {
  byIds: principleTable.byIds,
  all: (sql: SqlClient) => principleTable.list(sql, "true", "t.position"),
};

export const coreValues = {
  byIds: coreValueTable.byIds,
  all: (sql: SqlClient) => coreValueTable.list(sql, "true", "t.position"),
};

export const objectives = {
  byIds: objectiveTable.byIds,
  /** Of `kind` (every kind when null): strategic first, each kind in order. */
  find: (sql: SqlClient, kind: ObjectiveKind | null) => objectiveTable.list(sql, "$1::text IS NULL OR t.kind = $1::text", "t.kind DESC, t.ordinal", [kind]),
};

export const activities = {
  byIds: activityTable.byIds,
  /** Of the group with this slug (every group when null), in order. */
  find: (sql: SqlClient, group: string | null) => activityTable.list(sql, "$1::text IS NULL OR t.group_slug = $1::text", "t.id", [group]),
};

export const facts = {
  byIds: factTable.byIds,
  /** The headline figures of the organisation's own description, in its order. */
  headline: (sql: SqlClient) => factTable.list(sql, "t.headline", "t.id"),
  /** About `subject` and of `figure` (exact, case-insensitive; any when null), oldest first, undated last. */
  find: (sql: SqlClient, subject: string | null, figure: string | null) =>
    factTable.list(
      sql,
      "($1::text IS NULL OR lower(t.subject) = lower($1::text)) AND ($2::text IS NULL OR lower(t.figure) = lower($2::text))",
      "t.as_of_date NULLS LAST, t.subject, t.figure, t.id",
      [subject, figure],
    ),
};

export async function findOrganization(sql: SqlClient): Promise<OrganizationRow | null> {
  const rows = await sql.rows<OrganizationRow>(
    `SELECT name, vision, mission, about, platform_goals AS "platformGoals", what_we_do AS "whatWeDo", source_id AS "sourceId", updated_at AS "updatedAt" FROM organization`,
  );
  return rows[0] ?? null;
}
