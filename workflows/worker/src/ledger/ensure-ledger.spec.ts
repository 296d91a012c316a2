import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { createLogger } from '@oioo/config';
import { DEFAULT_PILOT_ID, TaskQueues } from '@oioo/contracts';
import { fakeLedgerClient } from '../test-support/fake-ledger-client';
import { ensureLedger } from './ensure-ledger';

const policy = { weeklyCap: 20, priority: { nationalities: ['ERI'], ukLinkFirst: true } };

function memoryLogger() {
  const lines: { level: string; message: string; status?: string }[] = [];
  return { logger: createLogger('worker-test', {}, (line) => lines.push(JSON.parse(line))), lines };
}

const alreadyStarted = () => Promise.reject(new WorkflowExecutionAlreadyStartedError('Workflow execution already started', `ledger:${DEFAULT_PILOT_ID}`, 'equivalenceLedgerWorkflow'));

describe('ensureLedger', () => {
  it('Q2 starts one ledger per pilot: ledger:<pilotId> on the equivalence queue, never reusing the ID, with the policy', async () => {
    const { client, calls } = fakeLedgerClient();
    const { logger, lines } = memoryLogger();

    await expect(ensureLedger(client, { pilotId: DEFAULT_PILOT_ID, policy }, logger)).resolves.toBe('started');

    expect(calls).toEqual([
      {
        kind: 'start',
        workflowType: 'equivalenceLedgerWorkflow',
        options: {
          taskQueue: TaskQueues.equivalence,
          workflowId: `ledger:${DEFAULT_PILOT_ID}`,
          args: [{ pilotId: DEFAULT_PILOT_ID, policy }],
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        },
      },
    ]);
    expect(lines).toMatchObject([{ level: 'info', message: 'equivalence ledger started' }]);
  });

  it('leaves a running ledger alone and says so', async () => {
    const { client, calls } = fakeLedgerClient({ start: alreadyStarted, status: 'RUNNING' });
    const { logger, lines } = memoryLogger();

    await expect(ensureLedger(client, { pilotId: DEFAULT_PILOT_ID }, logger)).resolves.toBe('running');

    expect(calls.map((call) => call.kind)).toEqual(['start', 'describe']);
    expect(lines).toMatchObject([{ level: 'info', message: expect.stringContaining('already running') }]);
  });

  it('Q5 never restarts the ledger of a pilot that has ended, and warns', async () => {
    const { client } = fakeLedgerClient({ start: alreadyStarted, status: 'COMPLETED' });
    const { logger, lines } = memoryLogger();

    await expect(ensureLedger(client, { pilotId: DEFAULT_PILOT_ID }, logger)).resolves.toBe('ended');

    expect(lines).toMatchObject([{ level: 'warn', message: expect.stringContaining('has ended'), status: 'COMPLETED' }]);
  });

  it('lets any other failure stop the worker', async () => {
    const { client } = fakeLedgerClient({ start: () => Promise.reject(new Error('namespace not found')) });

    await expect(ensureLedger(client, { pilotId: DEFAULT_PILOT_ID }, memoryLogger().logger)).rejects.toThrow('namespace not found');
  });
});
