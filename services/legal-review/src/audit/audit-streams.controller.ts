import { Controller, Get, HttpStatus, Inject, Param, Query } from '@nestjs/common';
import { RolesAllowed } from '@oioo/auth';
import { type AuditChainPage, LEGAL_REVIEW_AUDIT_STREAMS, auditChainPageSchema, auditChainQuerySchema } from '@oioo/contracts';
import { DATABASE, type Database, readChainPage } from '@oioo/database';
import { ServiceError, parseRequest } from '@oioo/service-kit';

/** GET /audit/{stream}: legal-review's hash-chained audit streams, in chain order, for `npm run ops -- audit verify` (S3). */
@Controller('audit')
export class AuditStreamsController {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** A page of the stream after `after`, with its head read first, so the head never runs ahead of the page. */
  @Get(':stream')
  // S3: SREs verify the chain, auditors read it; the entries hold no personal data (field names, never values).
  @RolesAllowed('sre', 'auditor')
  async page(@Param('stream') stream: string, @Query() query: unknown): Promise<AuditChainPage> {
    const known = LEGAL_REVIEW_AUDIT_STREAMS.find((name) => name === stream);
    if (!known) throw new ServiceError(HttpStatus.NOT_FOUND, 'AUDIT_STREAM_NOT_FOUND', `there is no audit stream "${stream}" here; legal-review keeps ${LEGAL_REVIEW_AUDIT_STREAMS.join(', ')}`);
    const page = await readChainPage(this.db, known, parseRequest(auditChainQuerySchema, query));
    return auditChainPageSchema.parse({ ...page, stream: known });
  }
}
