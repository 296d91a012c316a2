import { Module } from '@nestjs/common';
import { LEGAL_REVIEW_AUDIT_CONFIG, loadLegalReviewAuditConfig } from './audit-config';
import { AuditStreamsController } from './audit-streams.controller';
import { DisclosureChainHeadPublisher } from './disclosure-chain-head.publisher';

/** S3: the tamper-evident disclosures stream: its read route for SREs and auditors, and its head published to Kafka. */
@Module({
  controllers: [AuditStreamsController],
  providers: [{ provide: LEGAL_REVIEW_AUDIT_CONFIG, useFactory: () => loadLegalReviewAuditConfig() }, DisclosureChainHeadPublisher],
})
export class AuditModule {}
