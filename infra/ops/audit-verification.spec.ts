import { type AuditChainPage, type AuditStream } from '@oioo/contracts';
import { type ChainHead, type ChainedEntry, GENESIS_HASH, chainNext } from '@oioo/database/audit';
import { type AuditChainClient } from './audit-chain-client';
import { verifyStream } from './audit-verification';

/** A chain of `n` entries, as the casework service would append them. */
function chainOf(n: number): ChainedEntry[] {
  const entries: ChainedEntry[] = [];
  let head: ChainHead = { seq: 0, hash: GENESIS_HASH };
  for (let seq = 1; seq <= n; seq += 1) {
    const entry = chainNext('decisions', head, { actor_id: `cw_${seq}`, step: 'reviewInadmissibility', at: '2026-12-06T10:00:00.000Z' });
    entries.push(entry);
    head = entry;
  }
  return entries;
}

/** The casework API's pages over `entries`, `pageSize` at a time, reporting `head` as the stream's head. */
function fakeApi(entries: ChainedEntry[], head: ChainHead, pageSize = 2, prunedUpTo?: ChainHead): AuditChainClient {
  return {
    page: async (stream: AuditStream, after: number): Promise<AuditChainPage> => {
      const page = entries.filter((entry) => entry.seq > after).slice(0, pageSize);
      const last = page.at(-1);
      return {
        stream,
        head,
        entries: page.map(({ seq, prevHash, hash, fields }) => ({ seq, prevHash, hash, fields })),
        ...(prunedUpTo ? { prunedUpTo } : {}),
        ...(page.length === pageSize && last ? { nextAfter: last.seq } : {}),
      };
    },
  } as AuditChainClient;
}

describe('verifyStream', () => {
  it('S2: re-computes a stream across pages up to its head', async () => {
    const entries = chainOf(5);
    const head = entries[4] as ChainedEntry;
    await expect(verifyStream(fakeApi(entries, head), 'decisions')).resolves.toEqual({ stream: 'decisions', ok: true, count: 5, head: { seq: 5, hash: head.hash } });
  });

  it('S2: names an edited entry on a later page', async () => {
    const entries = chainOf(5).map((entry) => (entry.seq === 4 ? { ...entry, fields: { ...entry.fields, step: 'approved-by-nobody' } } : entry));
    await expect(verifyStream(fakeApi(entries, entries[4] as ChainedEntry), 'decisions')).resolves.toMatchObject({ ok: false, count: 3, broken: { seq: 4, reason: 'hash-mismatch' } });
  });

  it('S2: finds entries deleted from the end, which leave no gap, against the head', async () => {
    const entries = chainOf(5);
    await expect(verifyStream(fakeApi(entries.slice(0, 3), entries[4] as ChainedEntry), 'decisions')).resolves.toMatchObject({ ok: false, count: 3, broken: { seq: 4, reason: 'gap' } });
  });

  it('S4: starts after the retention checkpoint the service reports, and still finds an edit after it', async () => {
    const entries = chainOf(5);
    const checkpoint = { seq: 2, hash: (entries[1] as ChainedEntry).hash };
    const kept = entries.slice(2);
    await expect(verifyStream(fakeApi(kept, entries[4] as ChainedEntry, 2, checkpoint), 'decisions')).resolves.toEqual({ stream: 'decisions', ok: true, count: 3, head: { seq: 5, hash: entries[4]?.hash } });
    const edited = kept.map((entry) => (entry.seq === 4 ? { ...entry, fields: { ...entry.fields, actor_id: 'cw_other' } } : entry));
    await expect(verifyStream(fakeApi(edited, entries[4] as ChainedEntry, 2, checkpoint), 'decisions')).resolves.toMatchObject({ ok: false, count: 1, broken: { seq: 4, reason: 'hash-mismatch' } });
    // Without the checkpoint the pruned stream would not start at seq 1.
    await expect(verifyStream(fakeApi(kept, entries[4] as ChainedEntry), 'decisions')).resolves.toMatchObject({ ok: false, broken: { seq: 3, reason: 'gap' } });
  });
});
