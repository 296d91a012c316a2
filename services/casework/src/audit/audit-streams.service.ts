import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ProblemError } from '@oioo/auth';
import { type AuditChainPage, CASEWORK_AUDIT_STREAMS } from '@oioo/contracts';
import { DATABASE, type Database, readChainPage } from '@oioo/database';

/** S2, S3: reads the casework service's hash-chained audit streams for verification. */
@Injectable()
export class AuditStreams {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** A page of `stream` after `after`, in chain order, with the stream's head (read first, so it never runs ahead of the page). */
  async page(stream: string | undefined, query: { after: number; limit: number }): Promise<AuditChainPage> {
    return { ...(await readChainPage(this.db, streamOf(stream), query)), stream: streamOf(stream) };
  }
}

function streamOf(stream: string | undefined): (typeof CASEWORK_AUDIT_STREAMS)[number] {
  const known = CASEWORK_AUDIT_STREAMS.find((name) => name === stream);
  if (!known) throw new ProblemError(HttpStatus.NOT_FOUND, 'AUDIT_STREAM_NOT_FOUND', `there is no audit stream "${stream ?? ''}"; the streams are ${CASEWORK_AUDIT_STREAMS.join(', ')}`);
  return known;
}
