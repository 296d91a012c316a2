import { createHash } from 'node:crypto';
import { type CanonicalValue, canonicalJson } from './canonical-json';

/** The previous hash of a stream's first entry: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** One entry of a hash-chained stream, as stored and as read back. */
export interface ChainedEntry {
  stream: string;
  /** 1, 2, 3… with no gap within a stream. */
  seq: number;
  /** The hash of the entry before (GENESIS_HASH for seq 1). */
  prevHash: string;
  /** SHA-256 (hex) of the canonical form of this entry's stream, seq, previous hash and fields. */
  hash: string;
  /** Everything the row records, timestamps as ISO strings. */
  fields: Record<string, CanonicalValue>;
}

/** Where a chain stands: its last entry's sequence number and hash (seq 0 and GENESIS_HASH when empty). */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** Why a link is broken: its own hash, a missing sequence number, or a previous hash that is not its predecessor's. */
export type BrokenLinkReason = 'hash-mismatch' | 'gap' | 'previous-hash-mismatch' | 'wrong-stream';

/** The first link of a chain that does not hold. */
export interface BrokenLink {
  seq: number;
  reason: BrokenLinkReason;
  detail: string;
}

/** What {@link verifyChain} found: every link holds (with the head), or the first broken one. */
export type ChainVerdict = { ok: true; count: number; head: ChainHead } | { ok: false; count: number; broken: BrokenLink };

/** The hash an entry must carry: SHA-256 of the canonical JSON of its stream, seq, previous hash and fields. */
export function entryHash(entry: Omit<ChainedEntry, 'hash'>): string {
  const canonical = canonicalJson({ stream: entry.stream, seq: entry.seq, prevHash: entry.prevHash, fields: entry.fields });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** The next entry of a chain whose head is `head`. */
export function chainNext(stream: string, head: ChainHead, fields: Record<string, CanonicalValue>): ChainedEntry {
  const unsealed = { stream, seq: head.seq + 1, prevHash: head.hash, fields };
  return { ...unsealed, hash: entryHash(unsealed) };
}

/**
 * Re-computes a stream's chain from `entries` in the order given (ascending seq, as stored) and names the
 * first link that does not hold: an edited row shows as a hash mismatch, a deleted row as a gap, a row
 * rewritten with a fresh hash as a previous-hash mismatch on the row after it, a reordering as a gap.
 * `after` continues from a head already verified (for paging); absent means from the start.
 */
export function verifyChain(stream: string, entries: readonly ChainedEntry[], after: ChainHead = { seq: 0, hash: GENESIS_HASH }): ChainVerdict {
  let head = after;
  let count = 0;
  for (const entry of entries) {
    const broken = brokenLink(stream, head, entry);
    if (broken) return { ok: false, count, broken };
    head = { seq: entry.seq, hash: entry.hash };
    count += 1;
  }
  return { ok: true, count, head };
}

function brokenLink(stream: string, head: ChainHead, entry: ChainedEntry): BrokenLink | undefined {
  const seq = entry.seq;
  if (entry.stream !== stream) return { seq, reason: 'wrong-stream', detail: `entry belongs to stream "${entry.stream}", not "${stream}"` };
  if (seq !== head.seq + 1) return { seq, reason: 'gap', detail: `expected seq ${head.seq + 1} after ${head.seq}, found ${seq}` };
  if (entry.prevHash !== head.hash) {
    return { seq, reason: 'previous-hash-mismatch', detail: `previous hash ${short(entry.prevHash)} is not the hash ${short(head.hash)} of seq ${head.seq}` };
  }
  const expected = entryHash(entry);
  if (entry.hash !== expected) return { seq, reason: 'hash-mismatch', detail: `stored hash ${short(entry.hash)}, the entry's content hashes to ${short(expected)}` };
  return undefined;
}

function short(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}
