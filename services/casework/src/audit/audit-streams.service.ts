import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ProblemError } from '@oioo/auth';
import { type AuditChainPage, CASEWORK_AUDIT_STREAMS } from '@oioo/contracts';
import { DATABASE, type Database, latestPruning, readChainPage } from '@oioo/database';

/** S2, S3: reads the casework service's hash-chained audit streams for verification. */
@Injectable()
export class AuditStreams {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** A page of `stream` after `after`, in chain order, with the stream's head (read first, so it never runs ahead of the page). */
  async page(stream: string | undefined, query: { after: number; limit: number }): Promise<AuditChainPage> {
    const known = streamOf(stream);
    // S4: entries up to a retention checkpoint were deleted through it; the verifier starts after it.
    const prunedUpTo = known === 'prunings' ? undefined : await latestPruning(this.db, known);
    return { ...(await readChainPage(this.db, known, query)), stream: known, ...(prunedUpTo && prunedUpTo.seq > 0 ? { prunedUpTo } : {}) };
  }
}

function streamOf(stream: string | undefined): (typeof CASEWORK_AUDIT_STREAMS)[number] {
  const known = CASEWORK_AUDIT_STREAMS.find((name) => name === stream);
  if (!known) throw new ProblemError(HttpStatus.NOT_FOUND, 'AUDIT_STREAM_NOT_FOUND', `there is no audit stream "${stream ?? ''}"; the streams are ${CASEWORK_AUDIT_STREAMS.join(', ')}`);
  return known;
}
