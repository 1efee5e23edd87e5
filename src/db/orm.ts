import { MikroORM, Options, ReflectMetadataProvider } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { SeedManager } from '@mikro-orm/seeder';
import { migrations } from '../../migrations';
import { entities } from '../modules';

/**
 * MikroORM options for a database URL: explicit entities, reflect metadata, migrations listed in code.
 * `applicationName` labels the pool's sessions in pg_stat_activity (shutdown finds its own by it).
 */
export function ormOptions(clientUrl: string, poolSize = 10, applicationName?: string): Options<PostgreSqlDriver> {
  return {
    ...(applicationName ? { driverOptions: { connection: { application_name: applicationName } } } : {}),
    driver: PostgreSqlDriver,
    clientUrl,
    entities,
    metadataProvider: ReflectMetadataProvider,
    discovery: { warnWhenNoEntities: true },
    extensions: [Migrator, SeedManager],
    migrations: { migrationsList: migrations, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    pool: { min: 0, max: poolSize },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: false,
    ensureIndexes: false,
  };
}

/** Opens the ORM on a database URL. */
export function openOrm(clientUrl: string, poolSize?: number, applicationName?: string): Promise<MikroORM<PostgreSqlDriver>> {
  return MikroORM.init(ormOptions(clientUrl, poolSize, applicationName));
}
