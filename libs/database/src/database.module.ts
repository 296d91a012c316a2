import { Module, type DynamicModule } from '@nestjs/common';
import { createLogger, type Logger } from '@oioo/config';
import { createDatabase } from './create-database';
import { type Database } from './database';
import { loadDatabaseConfig, type DatabaseConfig } from './database-config';
import { DatabaseHealthIndicator } from './database-health.indicator';
import { DatabaseLifecycle } from './database-lifecycle.service';
import { loadMigrations } from './migration-files';
import { runMigrations } from './migration-runner';
import { DATABASE, DATABASE_CONFIG, DATABASE_LOGGER } from './database.tokens';

/** Options of {@link DatabaseModule.forRoot}. */
export interface DatabaseModuleOptions {
  /** The service's schema (`identity`, `legal_review`, `transport`). */
  schema: string;
  /** The service's migrations folder, e.g. `join(__dirname, 'migrations')`. */
  migrationsDir: string;
  /** Parsed config; read from the `DATABASE_*` variables at boot when absent. */
  config?: DatabaseConfig;
  logger?: Logger;
}

/**
 * The service's database for a NestJS app: provides the {@link Database} under the `DATABASE` token,
 * migrated before anything can inject it, and {@link DatabaseHealthIndicator}; closes it on shutdown.
 * Global, so feature modules inject the database without importing the module again.
 */
@Module({})
export class DatabaseModule {
  /** Configures the database for the app; import it once, in the root module. */
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [
        { provide: DATABASE_LOGGER, useFactory: () => options.logger ?? createLogger('database') },
        // Parsed while the module is created, so a bad variable stops the boot with its name.
        { provide: DATABASE_CONFIG, useFactory: () => options.config ?? loadDatabaseConfig(process.env) },
        {
          provide: DATABASE,
          inject: [DATABASE_CONFIG, DATABASE_LOGGER],
          // Migrating inside the factory (rather than in an init hook) means no provider can ever see an unmigrated schema.
          useFactory: async (config: DatabaseConfig, logger: Logger): Promise<Database> => {
            const migrations = loadMigrations(options.migrationsDir);
            const database = await createDatabase(config, { schema: options.schema, logger });
            try {
              await runMigrations(database, { schema: options.schema, migrations, logger });
            } catch (error) {
              await database.close();
              throw error;
            }
            return database;
          },
        },
        DatabaseHealthIndicator,
        DatabaseLifecycle,
      ],
      exports: [DATABASE, DATABASE_CONFIG, DatabaseHealthIndicator],
    };
  }
}
