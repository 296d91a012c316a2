import { type Client } from '@temporalio/client';
import { createTemporalClient } from '@oioo/temporal';
import { startPlatformWorkers } from './platform-worker';
import { stackTemporalConfig } from './stack';

/** What a test file gets from {@link useStackTemporal}: a client on the real server, with the platform's workers running. */
export interface StackTemporal {
  client: Client;
}

/**
 * Runs the platform's real workers and opens a client on the stack's Temporal server for the test
 * file, closing both after it. Read `client` inside tests: it is set once beforeAll has run.
 */
export function useStackTemporal(): StackTemporal {
  const fixture = {} as StackTemporal;
  let workers: { stop(): Promise<void> } | undefined;
  beforeAll(async () => {
    workers = await startPlatformWorkers();
    fixture.client = await createTemporalClient(stackTemporalConfig());
  });
  afterAll(async () => {
    await fixture.client?.connection.close();
    await workers?.stop();
  });
  return fixture;
}
