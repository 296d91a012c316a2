import { WorkflowNotFoundError } from '@temporalio/client';
import { probeWorkflowId } from '@oioo/contracts';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the start-up probe is the local stack's own (infra), not a library's.
import { WorkerNotPollingError, probeWorker } from '../../infra/stack/worker-probe';
import { eventually, stackTemporalConfig, uniqueOpaqueId } from '../support/stack';
import { useStackTemporal } from '../support/temporal-fixture';

const stack = useStackTemporal();

describe('the start-up probe (real server)', () => {
  it('starts no workflow while no worker polls its task queue, so start-up leaves nothing timed out behind', async () => {
    const probeId = uniqueOpaqueId('probe');
    await expect(probeWorker(stackTemporalConfig(), 2_000, { taskQueue: `oioo-unpolled-${probeId}`, probeId })).rejects.toThrow(WorkerNotPollingError);
    await expect(stack.client.workflow.getHandle(probeWorkflowId(probeId)).describe()).rejects.toThrow(WorkflowNotFoundError);
  });

  it('proves a polling worker with a round trip, and the probe completes', async () => {
    const probeId = uniqueOpaqueId('probe');
    // As start-up does: ask again until the worker the fixture started has polled once.
    const polled = (error: unknown) => (error instanceof WorkerNotPollingError ? false : Promise.reject(error));
    await eventually(() => probeWorker(stackTemporalConfig(), 10_000, { probeId }).then(() => true, polled), (done) => done);
    expect((await stack.client.workflow.getHandle(probeWorkflowId(probeId)).describe()).status.name).toBe('COMPLETED');
  });
});
