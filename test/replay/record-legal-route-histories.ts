import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type WorkflowHandle } from '@temporalio/client';
import type { EoiApplicantFacts } from '@oioo/domain';
import { TaskQueues } from '@oioo/contracts';
import { startTimeSkippingWorker, writeHistoryFile } from '@oioo/testing';
import { EOI_TEST_WORKFLOWS, EoiDriver, FakeEoiServices, adultApplicant, familyOfThree } from '@oioo/workflows-eoi/testing';
import { LedgerDriver } from '@oioo/workflows-equivalence-ledger/testing';
import { HISTORIES_DIR } from './record-readmission-histories';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What a scenario plays against, and the workflow whose history it records: an EOI case, or the ledger. */
type Scenario = (context: { ledger: LedgerDriver; submit: (applicants: EoiApplicantFacts[]) => Promise<EoiDriver>; sleep: (ms: number) => Promise<void> }) => Promise<Pick<WorkflowHandle, 'fetchHistory'>>;

/** Complete and part-way EOI cases, and a ledger that has counted, released, paused and published, so replay covers running workflows too. */
const scenarios: Record<string, Scenario> = {
  'eoi-family-admitted': async ({ ledger, submit }) => {
    const family = familyOfThree();
    await ledger.confirmReadmissions(3);
    const eoi = await submit(family);
    await eoi.confirmPresence();
    await eoi.driveToGrant();
    for (const person of family) await eoi.arrive(person.personId);
    await eoi.handle.result();
    return eoi.handle;
  },
  'eoi-held': async ({ submit }) => {
    const eoi = await submit([adultApplicant()]);
    await eoi.confirmPresence();
    await eoi.waitFor((view) => view.timeline.some((entry) => entry.what === 'places-held'));
    return eoi.handle;
  },
  'eoi-grant-lapsed': async ({ ledger, submit }) => {
    await ledger.confirmReadmissions(1);
    const eoi = await submit([adultApplicant()]);
    await eoi.confirmPresence();
    await eoi.driveToGrant();
    await eoi.handle.result();
    return eoi.handle;
  },
  'eoi-checks-escalated': async ({ ledger, submit, sleep }) => {
    await ledger.confirmReadmissions(1);
    const eoi = await submit([adultApplicant()]);
    await eoi.confirmPresence();
    await eoi.captureBiometrics();
    await eoi.waitForState('security-checks');
    await sleep(31 * DAY_MS);
    await eoi.waitFor((view) => view.escalated);
    await eoi.completeChecks();
    await eoi.waitForState('decision');
    return eoi.handle;
  },
  'eoi-presence-missed': async ({ submit }) => {
    const eoi = await submit(familyOfThree());
    await eoi.handle.result();
    return eoi.handle;
  },
  'ledger-running': async ({ ledger, sleep }) => {
    await ledger.confirmReadmissions(2);
    await ledger.requestPlaces('eoi_REPLAYLEDGER0001', 1);
    await ledger.requestPlaces('eoi_REPLAYLEDGER0002', 3);
    await ledger.pause();
    await sleep(8 * DAY_MS);
    await ledger.resume();
    await ledger.admit('eoi_REPLAYLEDGER0001');
    await ledger.lapse('eoi_REPLAYLEDGER0002');
    await ledger.settled();
    return ledger.handle;
  },
};

/** Records each scenario on the time-skipping server and writes its history as JSON (run after an intended workflow change). */
async function main(): Promise<void> {
  const services = new FakeEoiServices();
  const worker = await startTimeSkippingWorker({ taskQueue: TaskQueues.legalRoute, workflowsPath: EOI_TEST_WORKFLOWS, activities: services.activities() });
  services.client = worker.env.client;
  try {
    mkdirSync(HISTORIES_DIR, { recursive: true });
    for (const [name, play] of Object.entries(scenarios)) {
      const ledger = await LedgerDriver.open(worker.env.client, { taskQueue: TaskQueues.legalRoute });
      const submit = async (applicants: EoiApplicantFacts[]) =>
        EoiDriver.submit(worker.env.client, { pilotId: ledger.pilotId, applicants, submittedAt: new Date(await worker.env.currentTimeMs()) });
      const handle = await play({ ledger, submit, sleep: (ms) => worker.env.sleep(ms) });
      const history = await handle.fetchHistory();
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
