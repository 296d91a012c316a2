import { createLogger } from '@oioo/config';
import { resetDivergedTask, type DivergenceCheck } from '@oioo/worker';
import { goSignal } from '../support/divergence/before.workflows';
import { uniqueOpaqueId } from '../support/stack';
import { useStoppableWorkers } from '../support/stoppable-workers';

const BEFORE = require.resolve('../support/divergence/before.workflows');
const AFTER = require.resolve('../support/divergence/after.workflows');

const stack = useStoppableWorkers();

/** Checks every half second until the check does something other than find the workflow healthy. */
async function firstFinding(workflowId: string, lines: string[]): Promise<DivergenceCheck> {
  const logger = createLogger('worker-test', {}, (line) => lines.push(line));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const check = await resetDivergedTask(stack.client, workflowId, logger);
    if (check.outcome !== 'healthy' || Date.now() > deadline) return check;
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 500));
  }
}

describe('a workflow whose task diverged on replay', () => {
  it('is reset to the task before the event the error names, once, and carries on live with the signal it was sent', async () => {
    const taskQueue = `divergence-${uniqueOpaqueId('tq').toLowerCase()}`;
    const workflowId = `divergence-${uniqueOpaqueId('wf').toLowerCase()}`;
    let stop = await stack.workers.start(taskQueue, { workflowsPath: BEFORE });
    const handle = await stack.client.workflow.start('divergenceProbe', { taskQueue, workflowId });
    // The timer has fired and the task after it completed: the history now holds what the new code cannot replay.
    for (;;) {
      const events = (await handle.fetchHistory()).events ?? [];
      if (events.some((event) => event.timerFiredEventAttributes) && events.at(-1)?.workflowTaskCompletedEventAttributes) break;
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 200));
    }
    await stop();

    stop = await stack.workers.start(taskQueue, { workflowsPath: AFTER }, { noop: async () => undefined });
    await handle.signal(goSignal);
    const lines: string[] = [];
    const check = await firstFinding(workflowId, lines);

    // Events 1-4: started, task scheduled, started, completed (with the timer); 5 is the TimerStarted the new code does not produce.
    expect(check).toMatchObject({ outcome: 'reset', runId: handle.firstExecutionRunId, task: { namedEventId: 5, resetEventId: 4 } });
    if (check.outcome !== 'reset') return;
    expect(check.task.message).toMatch(/^\[TMPRL1100\]/);
    await expect(stack.client.workflow.getHandle(workflowId, check.newRunId).result()).resolves.toBe('after');
    expect(lines.map((line) => JSON.parse(line) as { message: string; level: string })).toEqual([expect.objectContaining({ level: 'warn', message: 'workflow reset past a diverged task' })]);
    // The new run completed: nothing more to do, and no second reset.
    await expect(resetDivergedTask(stack.client, workflowId, createLogger('worker-test', {}, () => undefined))).resolves.toEqual({ outcome: 'healthy' });
    await stop();
  });
});
