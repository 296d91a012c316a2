import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import { type ProbeInput, type ProbeResult, probeReplySignal, probeWaitingQuery } from './definitions';

/**
 * Round-trip health probe: waits for a signal and returns its nonce. A health check that starts it,
 * signals it and reads the result has proven that the server, the worker and the codec all work.
 */
export async function probeWorkflow(input: ProbeInput): Promise<ProbeResult> {
  let reply: string | undefined;
  setHandler(probeReplySignal, ({ nonce }) => {
    reply ??= nonce;
  });
  setHandler(probeWaitingQuery, () => reply === undefined);
  const replied = await condition(() => reply !== undefined, input.replyTimeoutMs);
  if (!replied || reply === undefined) {
    throw ApplicationFailure.nonRetryable(`Probe ${input.probeId} got no reply within ${input.replyTimeoutMs} ms`, 'PROBE_TIMEOUT');
  }
  return { nonce: reply };
}
