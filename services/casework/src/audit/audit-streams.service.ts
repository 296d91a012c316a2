import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ProblemError } from '@oioo/auth';
import { AUDIT_STREAMS, type AuditChainPage, type AuditStream } from '@oioo/contracts';
import { DATABASE, type Database, chainHeadOf, latestPruning, readChain } from '@oioo/database';

/** S2, S3: reads the casework service's hash-chained audit streams for verification. */
@Injectable()
export class AuditStreams {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** A page of `stream` after `after`, in chain order, with the stream's head (read first, so it never runs ahead of the page). */
  async page(stream: string | undefined, query: { after: number; limit: number }): Promise<AuditChainPage> {
    const known = streamOf(stream);
    const head = await chainHeadOf(this.db, known);
    // S4: entries up to a retention checkpoint were deleted through it; the verifier starts after it.
    const prunedUpTo = known === 'prunings' ? undefined : await latestPruning(this.db, known);
    const entries = await readChain(this.db, known, { afterSeq: query.after, limit: query.limit });
    const last = entries.at(-1);
    return {
      stream: known,
      head,
      entries: entries.map(({ seq, prevHash, hash, fields }) => ({ seq, prevHash, hash, fields })),
      ...(prunedUpTo && prunedUpTo.seq > 0 ? { prunedUpTo } : {}),
      ...(entries.length === query.limit && last ? { nextAfter: last.seq } : {}),
    };
  }
}

function streamOf(stream: string | undefined): AuditStream {
  const known = AUDIT_STREAMS.find((name) => name === stream);
  if (!known) throw new ProblemError(HttpStatus.NOT_FOUND, 'AUDIT_STREAM_NOT_FOUND', `there is no audit stream "${stream ?? ''}"; the streams are ${AUDIT_STREAMS.join(', ')}`);
  return known;
}
