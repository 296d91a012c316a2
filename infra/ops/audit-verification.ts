import { type AuditStream } from '@oioo/contracts';
import { type BrokenLink, type ChainHead, type ChainedEntry, GENESIS_HASH, verifyChain } from '@oioo/database/audit';
import { type AuditChainClient } from './audit-chain-client';

/** What verifying one stream found: every link holds up to the published head, or the first one that does not. */
export type StreamVerdict = { stream: AuditStream; ok: true; count: number; head: ChainHead } | { stream: AuditStream; ok: false; count: number; broken: BrokenLink };

/**
 * Re-computes `stream`'s chain page by page from seq 1, or from its latest retention checkpoint, and names the first broken link. The head the service
 * reports is checked too: entries deleted from the end of a chain leave no gap, only a head that runs ahead.
 */
export async function verifyStream(client: AuditChainClient, stream: AuditStream): Promise<StreamVerdict> {
  let head: ChainHead = { seq: 0, hash: GENESIS_HASH };
  let count = 0;
  let reported: ChainHead | undefined;
  for (;;) {
    const page = await client.page(stream, head.seq);
    if (reported === undefined && page.prunedUpTo && page.prunedUpTo.seq > head.seq) {
      // S4: retention deleted the entries up to a checkpoint (recorded in the chained prunings stream); the chain is re-computed from it.
      head = page.prunedUpTo;
    }
    reported ??= page.head;
    const entries: ChainedEntry[] = page.entries.map((entry) => ({ ...entry, stream, fields: entry.fields as ChainedEntry['fields'] }));
    const verdict = verifyChain(stream, entries, head);
    count += verdict.count;
    if (!verdict.ok) return { stream, ok: false, count, broken: verdict.broken };
    head = verdict.head;
    if (page.nextAfter === undefined || entries.length === 0) break;
  }
  if (reported.seq > head.seq) {
    return { stream, ok: false, count, broken: { seq: head.seq + 1, reason: 'gap', detail: `the head is at seq ${reported.seq}, but the entries end at ${head.seq}` } };
  }
  if (reported.seq === head.seq && reported.hash !== head.hash) {
    return { stream, ok: false, count, broken: { seq: head.seq, reason: 'hash-mismatch', detail: 'the last entry is not the head the service reports' } };
  }
  return { stream, ok: true, count, head };
}
