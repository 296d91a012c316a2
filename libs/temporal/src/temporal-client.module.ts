import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { type Client } from '@temporalio/client';
import { createTemporalClient } from './client.factory';
import { type CaseDataKeys } from './data-keys/case-data-keys';
import { loadTemporalConfig } from './temporal-config';

/** Injection token of the service's Temporal client. */
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');

/**
 * Injection token of in-process {@link CaseDataKeys}: the vault's own service provides it (globally), so its
 * client needs no HTTP round trip to itself; everywhere else the client reaches the configured vault.
 */
export const CASE_DATA_KEYS = Symbol('CASE_DATA_KEYS');

/** Tells /health whether the Temporal frontend answers. */
@Injectable()
export class TemporalHealthIndicator implements OnApplicationShutdown {
  readonly name = 'temporal';

  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}

  /** True when the frontend answers a cheap RPC (GetSystemInfo works on self-hosted clusters and Temporal Cloud alike). */
  async isHealthy(): Promise<boolean> {
    try {
      await this.client.workflowService.getSystemInfo({});
      return true;
    } catch {
      return false;
    }
  }

  /** Closes the client's connection once the app stops. */
  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}

/**
 * A Temporal client for a NestJS service, configured from `TEMPORAL_*` (failing fast on a bad
 * variable) with the platform's encrypting codec, plus its health indicator.
 */
@Module({
  providers: [
    {
      provide: TEMPORAL_CLIENT,
      useFactory: (dataKeys: CaseDataKeys | undefined) => createTemporalClient(loadTemporalConfig(process.env), undefined, dataKeys ? { dataKeys } : {}),
      inject: [{ token: CASE_DATA_KEYS, optional: true }],
    },
    TemporalHealthIndicator,
  ],
  exports: [TEMPORAL_CLIENT, TemporalHealthIndicator],
})
export class TemporalClientModule {}
