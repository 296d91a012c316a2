import { type OperationRecord } from '@oioo/contracts';
import { auditedAction, auditedRead } from './audited-action';
import { type OperationsLogClient } from './operations-log-client';

/** The operations log as a list, failing when told to. */
function fakeLog(options: { failOn?: OperationRecord['outcome'] } = {}) {
  const entries: OperationRecord[] = [];
  const log = {
    record: async (entry: OperationRecord) => {
      if (entry.outcome === options.failOn) throw new Error('log unavailable');
      entries.push(entry);
      return String(entries.length);
    },
    touching: async () => [],
  } as unknown as OperationsLogClient;
  return { log, entries };
}

const action = { verb: 'bulk.cancel' as const, arguments: { query: 'q' }, reason: 'pilot closed', targets: ['readmission:case_0123456789'] };

describe('audited actions', () => {
  it('writes started before acting and the outcome after, quoting the started entry', async () => {
    const { log, entries } = fakeLog();
    await auditedAction(log, action, async () => ({ targets: ['job-1', 'readmission:case_0123456789'], detail: 'batch job job-1 completed' }));
    expect(entries).toEqual([
      { ...action, outcome: 'started' },
      { ...action, targets: ['job-1', 'readmission:case_0123456789'], outcome: 'succeeded', detail: 'batch job job-1 completed', operationId: '1' },
    ]);
  });

  it('does nothing when the started entry cannot be written', async () => {
    const { log } = fakeLog({ failOn: 'started' });
    let acted = false;
    await expect(
      auditedAction(log, action, async () => {
        acted = true;
        return { targets: [], detail: '' };
      }),
    ).rejects.toThrow('log unavailable');
    expect(acted).toBe(false);
  });

  it('logs a failed action as failed and passes the error on', async () => {
    const { log, entries } = fakeLog();
    await expect(auditedAction(log, action, async () => Promise.reject(new Error('batch refused')))).rejects.toThrow('batch refused');
    expect(entries.map((entry) => entry.outcome)).toEqual(['started', 'failed']);
    expect(entries[1]).toMatchObject({ detail: 'batch refused', operationId: '1' });
  });

  it('shows nothing of a read it cannot log', async () => {
    const { log } = fakeLog({ failOn: 'succeeded' });
    await expect(auditedRead(log, { verb: 'stuck', arguments: {} }, async () => ({ value: ['a case'], targets: [], detail: '1 stuck case' }))).rejects.toThrow('log unavailable');
  });
});
