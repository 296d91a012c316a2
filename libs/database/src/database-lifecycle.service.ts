import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { type Logger } from '@oioo/config';
import { type Database } from './database';
import { DATABASE, DATABASE_LOGGER } from './database.tokens';

/** Closes the database when the application shuts down. */
@Injectable()
export class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(DATABASE_LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * The last shutdown hook: Kafka consumers stop in onModuleDestroy and other providers release what
   * they hold before this, so no handler is still writing when the connections close.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
    this.logger.info('Database closed', { schema: this.database.schema });
  }
}
