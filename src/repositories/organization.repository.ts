import type { SqlClient } from "../db/sql";
import type { Activity, CoreValue, Fact, Objective, Office, Organization, Principle } from "../graphql/types/organization.type";
import { simpleTable } from "./rows";

export const offices = simpleTable<Office>("Office", "office", `t.id AS "rowId", t.city, t.country_code AS "countryCode", t.quote, t.source_id AS "sourceId", t.updated_at AS "updatedAt"`);
export const principles = simpleTable<Principle>("Principle", "principle", `t.id AS "rowId", t.position, t.title, t.statement, t.source_id AS "sourceId", t.updated_at AS "updatedAt"`);
export const coreValues = simpleTable<CoreValue>("CoreValue", "core_value", `t.id AS "rowId", t.position, t.statement, t.source_id AS "sourceId", t.updated_at AS "updatedAt"`);
export const objectives = simpleTable<Objective>("Objective", "objective", `t.id AS "rowId", t.kind, t.ordinal, t.text, t.source_id AS "sourceId", t.updated_at AS "updatedAt"`);
export const activities = simpleTable<Activity>(
  "Activity",
  "activity",
  `t.id AS "rowId", t.group_slug AS "group", t.group_title AS "groupTitle", t.ordinal, t.text, t.source_id AS "sourceId", t.updated_at AS "updatedAt"`,
);
export const facts = simpleTable<Fact>(
  "Fact",
  "fact",
  `t.id AS "rowId", t.subject, t.figure, t.value, t.numeric_value AS "numericValue", t.as_of AS "asOf", t.as_of_date AS "asOfDate",
   t.as_of_precision AS "asOfPrecision", t.headline, t.source_id AS "sourceId", t.updated_at AS "updatedAt", t.version`,
);

export async function findOrganization(sql: SqlClient): Promise<Organization | null> {
  const rows = await sql.rows<Organization>(
    `SELECT name, vision, mission, about, platform_goals AS "platformGoals", what_we_do AS "whatWeDo", source_id AS "sourceId", updated_at AS "updatedAt" FROM organization`,
  );
  return rows[0] ?? null;
}
