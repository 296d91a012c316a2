import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TaskQueues } from '@oioo/contracts';
import { startTimeSkippingWorker, writeHistoryFile } from '@oioo/testing';
import { CaseDriver, FakeReadmissionServices, arrivalOf, nextCaseId } from '@oioo/workflows-readmission/testing';
import { type ArrivalScreening, arrivalRecordLinkedSignal, legalHoldPlacedSignal, legalHoldReleasedSignal } from '@oioo/workflows-readmission';

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
  // R11: a new crossing linked to an earlier case, then Border Force's second records of it (one sent twice).
  'readmission-second-record-linked': async (driver) => {
    await driver.handle.signal(arrivalRecordLinkedSignal, { eventId: 'rec-linked-1', recordCaseId: 'case_RECSECOND0001', matchScore: 1 });
    await driver.handle.signal(arrivalRecordLinkedSignal, { eventId: 'rec-linked-1', recordCaseId: 'case_RECSECOND0001', matchScore: 1 });
    await driver.handle.signal(arrivalRecordLinkedSignal, { eventId: 'rec-linked-2', recordCaseId: 'case_RECTHIRD00001', matchScore: 0.94 });
    await driver.screenAsAdult();
  },
};

/** The screening a scenario's case opens with, when it is not a plain new person. */
const screenings: Record<string, ArrivalScreening> = {
  'readmission-second-record-linked': { reEntry: false, earlierCaseId: 'case_RECEARLIER001', enrolmentReference: 'enr_rec0000000000000000000000000001' },
};

/**
 * Records each scenario named on the command line (every scenario when none is) on the time-skipping
 * server and writes its history as JSON. Run it for a new scenario, or after an intended workflow change;
 * histories recorded by earlier code are worth keeping, as they prove running cases still replay.
 */
async function main(names: readonly string[]): Promise<void> {
  const unknown = names.filter((name) => !(name in scenarios));
  if (unknown.length > 0) throw new Error(`no such scenario: ${unknown.join(', ')}; there are ${Object.keys(scenarios).join(', ')}`);
  const services = new FakeReadmissionServices();
  const worker = await startTimeSkippingWorker({
    taskQueue: TaskQueues.readmission,
    workflowsPath: require.resolve('@oioo/workflows-readmission'),
    activities: services.activities(),
  });
  try {
    mkdirSync(HISTORIES_DIR, { recursive: true });
    for (const [name, play] of Object.entries(scenarios).filter(([candidate]) => names.length === 0 || names.includes(candidate))) {
      const now = await worker.env.currentTimeMs();
      const screening = screenings[name];
      const driver = await CaseDriver.open(worker.env.client, arrivalOf(nextCaseId(), new Date(now)), screening ? { screening } : {});
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
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
