import { canonicalJson } from './canonical-json';
import { type ChainHead, type ChainedEntry, GENESIS_HASH, chainNext, entryHash, verifyChain } from './audit-chain';

/** A chain of `n` consultation-like entries built the way the service appends them. */
function chainOf(n: number, stream = 'consultations'): ChainedEntry[] {
  const entries: ChainedEntry[] = [];
  let head: ChainHead = { seq: 0, hash: GENESIS_HASH };
  for (let index = 1; index <= n; index += 1) {
    const entry = chainNext(stream, head, { actor_id: `usr_${index}`, roles: ['auditor'], case_id: `rdm_${index}`, arguments: { limit: index, nested: { b: 1, a: 2 } }, at: `2026-12-06T10:0${index}:00.000Z` });
    entries.push(entry);
    head = { seq: entry.seq, hash: entry.hash };
  }
  return entries;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and adds no whitespace, so JSONB key reordering does not change a hash', () => {
    expect(canonicalJson({ b: [3, { z: null, y: 'é' }], a: true })).toBe('{"a":true,"b":[3,{"y":"é","z":null}]}');
  });

  it('refuses values JSON cannot carry exactly', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
  });
});

describe('verifyChain', () => {
  it('S2 S3: accepts an intact chain and returns its count and head', () => {
    const entries = chainOf(4);
    expect(verifyChain('consultations', entries)).toEqual({ ok: true, count: 4, head: { seq: 4, hash: entries[3]?.hash } });
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    expect(entries[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts an empty chain with the genesis head', () => {
    expect(verifyChain('operations', [])).toEqual({ ok: true, count: 0, head: { seq: 0, hash: GENESIS_HASH } });
  });

  it('S2 S3: an edited field is a hash mismatch at that entry', () => {
    const entries = chainOf(4);
    const edited = entries.map((entry) => (entry.seq === 2 ? { ...entry, fields: { ...entry.fields, case_id: 'rdm_other' } } : entry));
    expect(verifyChain('consultations', edited)).toEqual({ ok: false, count: 1, broken: expect.objectContaining({ seq: 2, reason: 'hash-mismatch' }) });
  });

  it('S2 S3: an edited field with a recomputed hash breaks the next entry\'s previous hash', () => {
    const entries = chainOf(4);
    const original = entries[1] as ChainedEntry;
    const rewritten = { ...original, fields: { ...original.fields, actor_id: 'usr_someone_else' } };
    const resealed = { ...rewritten, hash: entryHash(rewritten) };
    const verdict = verifyChain('consultations', entries.map((entry) => (entry.seq === 2 ? resealed : entry)));
    expect(verdict).toEqual({ ok: false, count: 2, broken: expect.objectContaining({ seq: 3, reason: 'previous-hash-mismatch' }) });
  });

  it('S2 S3: a deleted row is a gap at the entry after it', () => {
    const entries = chainOf(4).filter((entry) => entry.seq !== 3);
    expect(verifyChain('consultations', entries)).toEqual({ ok: false, count: 2, broken: expect.objectContaining({ seq: 4, reason: 'gap', detail: 'expected seq 3 after 2, found 4' }) });
  });

  it('S2 S3: a deleted last row shows only against a published head, so the head is published', () => {
    const entries = chainOf(4);
    const verdict = verifyChain('consultations', entries.slice(0, 3));
    expect(verdict.ok && verdict.head.seq).toBe(3);
  });

  it('S2 S3: a swapped order is named at the first entry out of place', () => {
    const [first, second, third, fourth] = chainOf(4) as [ChainedEntry, ChainedEntry, ChainedEntry, ChainedEntry];
    expect(verifyChain('consultations', [first, third, second, fourth])).toEqual({ ok: false, count: 1, broken: expect.objectContaining({ seq: 3, reason: 'gap' }) });
  });

  it('S2 S3: two rows whose contents were swapped, keeping their seq, hash, are hash mismatches', () => {
    const entries = chainOf(3);
    const [first, second, third] = entries as [ChainedEntry, ChainedEntry, ChainedEntry];
    const swapped = [first, { ...second, fields: third.fields }, { ...third, fields: second.fields }];
    expect(verifyChain('consultations', swapped)).toEqual({ ok: false, count: 1, broken: expect.objectContaining({ seq: 2, reason: 'hash-mismatch' }) });
  });

  it('refuses an entry of another stream, since a chain copied from elsewhere would otherwise verify', () => {
    expect(verifyChain('operations', chainOf(1, 'consultations'))).toEqual({ ok: false, count: 0, broken: expect.objectContaining({ seq: 1, reason: 'wrong-stream' }) });
  });

  it('continues from a head already verified, for paging', () => {
    const entries = chainOf(5);
    const firstPage = verifyChain('consultations', entries.slice(0, 2));
    if (!firstPage.ok) throw new Error('first page should verify');
    expect(verifyChain('consultations', entries.slice(2), firstPage.head)).toEqual({ ok: true, count: 3, head: { seq: 5, hash: entries[4]?.hash } });
  });
});
