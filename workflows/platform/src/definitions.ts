import { defineQuery, defineSignal } from '@temporalio/workflow';

/** Input of the health probe: an opaque probe id and how long to wait for the reply. */
export interface ProbeInput {
  probeId: string;
  replyTimeoutMs: number;
}

/** What the probe returns: the nonce it was sent, proving the signal went through the worker. */
export interface ProbeResult {
  nonce: string;
}

/** The reply a health check sends to a running probe. */
export interface ProbeReply {
  nonce: string;
}

/** Signal carrying the health check's reply. */
export const probeReplySignal = defineSignal<[ProbeReply]>('probeReply');

/** Whether the probe is still waiting for its reply. */
export const probeWaitingQuery = defineQuery<boolean>('probeWaiting');
