import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TaskQueues } from '@oioo/contracts';
import { startTimeSkippingWorker, writeHistoryFile } from '@oioo/testing';
import { CaseDriver, FakeReadmissionServices, arrivalOf, nextCaseId } from '@oioo/workflows-readmission/testing';
import { legalHoldPlacedSignal, legalHoldReleasedSignal } from '@oioo/workflows-readmission';

/** Where committed histories live; workflow-replay.spec.ts replays every file here. */
export const HISTORIES_DIR = join(__dirname, 'histories');

const DAY_MS = 24 * 60 * 60 * 1000;

/** Scenarios whose histories are recorded: complete cases and cases stopped part-way, so replay covers running cases too. */
const scenarios: Record<string, (driver: CaseDriver, sleep: (ms: number) => Promise<void>) => Promise<void>> = {
  'readmission-transferred': async (driver, sleep) => {
    await driver.driveToAwaitingReply();
    await driver.franceReplies('accepted');
    await driver.serveRemovalDirections();
    const booked = await driver.waitForState('movement-booked');
    await sleep(new Date(booked.movement?.departsAt as string).getTime() - Date.now() - 60 * 60 * 1000);
    await driver.waitForState('cleared-for-transfer');
    const movementId = booked.movement?.movementId as string;
    const { recordBoardingUpdate, confirmHandoverUpdate } = await import('@oioo/workflows-readmission');
    await driver.handle.executeUpdate(recordBoardingUpdate, { args: [{ commandId: 'rec-board-1', movementId, outcome: 'boarded' }] });
    await driver.handle.executeUpdate(confirmHandoverUpdate, { args: [{ commandId: 'rec-ho-1', movementId, handoverReference: 'fr-ho-rec', confirmedAt: new Date().toISOString() }] });
    await driver.handle.result();
  },
  'readmission-awaiting-reply-escalated': async (driver, sleep) => {
    await driver.driveToAwaitingReply();
    await sleep(15 * DAY_MS);
  },
  'readmission-held-then-released': async (driver) => {
    await driver.screenAsAdult();
    await driver.handle.signal(legalHoldPlacedSignal, { reference: 'inj-rec', kind: 'injunction', lodgedAt: new Date().toISOString() });
    await driver.handle.signal(legalHoldReleasedSignal, { reference: 'inj-rec', outcome: 'dismissed' });
    await driver.selectAndDetain();
  },
  'readmission-out-of-time': async (driver) => {
    await driver.screenAsAdult();
    await driver.handle.result();
  },
};

/** Records each scenario on the time-skipping server and writes its history as JSON (run after an intended workflow change). */
async function main(): Promise<void> {
  const services = new FakeReadmissionServices();
  const worker = await startTimeSkippingWorker({
    taskQueue: TaskQueues.readmission,
    workflowsPath: require.resolve('@oioo/workflows-readmission'),
    activities: services.activities(),
  });
  try {
    mkdirSync(HISTORIES_DIR, { recursive: true });
    for (const [name, play] of Object.entries(scenarios)) {
      const now = await worker.env.currentTimeMs();
      const driver = await CaseDriver.open(worker.env.client, arrivalOf(nextCaseId(), new Date(now)));
      await play(driver, (ms) => worker.env.sleep(ms));
      const history = await driver.handle.fetchHistory();
      writeHistoryFile(join(HISTORIES_DIR, `${name}.json`), history);
      process.stdout.write(`recorded ${name} (${history.events?.length ?? 0} events)\n`);
    }
  } finally {
    await worker.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
