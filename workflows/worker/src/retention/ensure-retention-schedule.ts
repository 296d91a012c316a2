import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { createLogger, type Logger } from '@oioo/config';
import { RETENTION_SWEEP_SCHEDULE_ID, TaskQueues } from '@oioo/contracts';
import { retentionSweepWorkflow } from '@oioo/workflows-platform';

/** What `ensureRetentionSchedule` found: it created the Schedule, found it as configured, or set its interval to the configured one. */
export type EnsureScheduleOutcome = 'created' | 'unchanged' | 'interval-updated';

/** The part of the Temporal client that manages Schedules. */
export type ScheduleClientOf = Pick<Client, 'schedule'>;

/**
 * S4: creates the `retention-sweep` Schedule unless it exists; every worker calls it at start-up, and the
 * server lets one create win. It starts `retentionSweepWorkflow` every `intervalMs` on the platform queue;
 * a sweep still running when the next is due makes the next one skip (overlap SKIP). An existing Schedule
 * keeps its state (paused stays paused) but takes the configured interval, so changing
 * `RETENTION_SWEEP_INTERVAL` takes effect at the next deploy.
 */
export async function ensureRetentionSchedule(client: ScheduleClientOf, intervalMs: number, logger: Logger = createLogger('worker')): Promise<EnsureScheduleOutcome> {
  try {
    await client.schedule.create({
      scheduleId: RETENTION_SWEEP_SCHEDULE_ID,
      spec: { intervals: [{ every: intervalMs }] },
      action: { type: 'startWorkflow', workflowType: retentionSweepWorkflow, args: [{}], taskQueue: TaskQueues.platform, workflowId: RETENTION_SWEEP_SCHEDULE_ID },
      // A sweep missed while the server was down runs once it is back, within one interval (the server needs at least a minute).
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: Math.max(intervalMs, 60_000) },
    });
    logger.info('retention schedule created', { scheduleId: RETENTION_SWEEP_SCHEDULE_ID, intervalMs });
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  const handle = client.schedule.getHandle(RETENTION_SWEEP_SCHEDULE_ID);
  const described = await handle.describe();
  const current = described.spec.intervals?.map((interval) => Number(interval.every));
  if (current?.length === 1 && current[0] === intervalMs) {
    logger.info('retention schedule already exists', { scheduleId: RETENTION_SWEEP_SCHEDULE_ID, intervalMs });
    return 'unchanged';
  }
  await handle.update((previous) => ({ ...previous, spec: { intervals: [{ every: intervalMs }] } }));
  logger.info('retention schedule interval updated', { scheduleId: RETENTION_SWEEP_SCHEDULE_ID, intervalMs, previous: current?.join(',') ?? 'none' });
  return 'interval-updated';
}
