import { Inject, Injectable } from '@nestjs/common';
import { LEGAL_REVIEW_AUDIT_STREAMS } from '@oioo/contracts';
import { DATABASE, type Database } from '@oioo/database';
import { ChainHeadPublisher } from '@oioo/service-kit';
import { LEGAL_REVIEW_AUDIT_CONFIG, type LegalReviewAuditConfig } from './audit-config';

/** S3 (R12): publishes the disclosures stream's head (key `audit_legalReviewDisclosures`) every AUDIT_CHAIN_HEAD_INTERVAL_SECONDS. */
@Injectable()
export class DisclosureChainHeadPublisher extends ChainHeadPublisher {
  constructor(@Inject(DATABASE) db: Database, @Inject(LEGAL_REVIEW_AUDIT_CONFIG) config: LegalReviewAuditConfig) {
    super(db, { service: 'legal-review', streams: LEGAL_REVIEW_AUDIT_STREAMS, intervalSeconds: config.chainHeadIntervalSeconds });
  }
}
