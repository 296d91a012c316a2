// The workflows a ledger test worker runs: the ledger, and a stand-in for the EOI case it signals. Bundled into the sandbox.
import { condition, defineQuery, setHandler } from '@temporalio/workflow';
import { type PlacesReleasedSignalInput, placesReleasedSignal } from '../definitions';

export { equivalenceLedgerWorkflow } from '../equivalence-ledger.workflow';

/** What the stand-in EOI workflow has been told so far. */
export const receivedReleasesQuery = defineQuery<PlacesReleasedSignalInput[]>('receivedReleases');

/**
 * A stand-in for the EOI case workflow (`eoi:<eoiId>`), which does not exist yet: it records the places
 * the ledger releases to it and ends with the first notice, so a test can await its result.
 */
export async function stubEoiWorkflow(_input: { eoiId: string }): Promise<PlacesReleasedSignalInput> {
  const received: PlacesReleasedSignalInput[] = [];
  setHandler(placesReleasedSignal, (notice) => {
    received.push(notice);
  });
  setHandler(receivedReleasesQuery, () => received);
  await condition(() => received.length > 0);
  return received[0] as PlacesReleasedSignalInput;
}
