import type { SqlClient } from "../db/sql";
import { SOURCE_COLUMNS, type Source } from "../graphql/types/source.type";
import { alignOne, identify } from "./rows";

export const sourceRepository = {
  async byIds(sql: SqlClient, ids: readonly number[]): Promise<(Source | null)[]> {
    const rows = await sql.rows<Source>(`SELECT ${SOURCE_COLUMNS} FROM source s WHERE s.id = ANY($1::int[])`, [ids]);
    return alignOne(ids, identify("Source", rows, (r) => r.rowId), (r) => r.rowId);
  },
};
