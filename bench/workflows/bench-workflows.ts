// The workflows the benchmark's worker runs: the real ledger and the real readmission case, a baseline with
// the cheapest Update there is, and the EOI side that receives released places. Bundled into the sandbox.
import { allHandlersFinished, condition, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';
import { type PlacesReleasedSignalInput, placesReleasedSignal } from '@oioo/workflows-equivalence-ledger';

export { equivalenceLedgerWorkflow } from '@oioo/workflows-equivalence-ledger';
export { readmissionCaseWorkflow } from '@oioo/workflows-readmission';

/** The baseline's Update: counts and answers, with a validator like the ledger's commands. */
export const echoUpdate = defineUpdate<number, [{ commandId: string }]>('echo');
/** Ends the baseline workflow. */
export const finishSignal = defineSignal('finish');

/** Baseline: an Update that does nothing but count, so the ledger's figures read against the server's own round trip. */
export async function echoWorkflow(): Promise<number> {
  let count = 0;
  let finished = false;
  setHandler(
    echoUpdate,
    () => {
      count += 1;
      return count;
    },
    { validator: ({ commandId }) => void commandId.length },
  );
  setHandler(finishSignal, () => {
    finished = true;
  });
  await condition(() => finished);
  await condition(allHandlersFinished);
  return count;
}

/** The ingest baseline's signal: carries nothing the workflow reads. */
export const noopSignal = defineSignal<[{ eventId: string }]>('noop');

/** Ingest baseline: signal-with-started like a case, it ends as soon as its signal is in; the least a started workflow can do. */
export async function noopWorkflow(): Promise<void> {
  let signalled = false;
  setHandler(noopSignal, () => {
    signalled = true;
  });
  await condition(() => signalled);
}

/** Stands where an EOI case would (`eoi:<eoiId>`): completes when the ledger tells it of its places. */
export async function releaseReceiverWorkflow(): Promise<PlacesReleasedSignalInput> {
  let release: PlacesReleasedSignalInput | undefined;
  setHandler(placesReleasedSignal, (notice) => {
    release ??= notice;
  });
  await condition(() => release !== undefined);
  return release as PlacesReleasedSignalInput;
}
