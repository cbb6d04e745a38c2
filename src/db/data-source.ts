import "reflect-metadata";
import { DataSource } from "typeorm";
import { ENTITIES } from "../entities";
import { MIGRATIONS } from "../../migrations";
import { SnakeNamingStrategy } from "./naming-strategy";

/**
 * The TypeORM data source for `url`. Migrations are listed, not globbed, so a
 * missing file is a compile error rather than a silently empty migration run.
 */
export function createDataSource(url: string, poolSize = 10): DataSource {
  return new DataSource({
    type: "postgres",
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: "typeorm_migrations",
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    logging: false,
    applicationName: "isoc-open-data-api",
    extra: { max: poolSize },
  });
}
