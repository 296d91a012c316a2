import { Inject, Injectable } from '@nestjs/common';
import { type Database } from './database';
import { DATABASE } from './database.tokens';

/** Reports whether the service's database answers, for a `/health` endpoint. */
@Injectable()
export class DatabaseHealthIndicator {
  /** How /health names this dependency. */
  readonly name = 'database';

  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** True when `SELECT 1` answers within two seconds; false after shutdown. Never throws. */
  isHealthy(): Promise<boolean> {
    return this.database.isHealthy();
  }
}
