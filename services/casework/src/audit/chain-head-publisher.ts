import { Inject, Injectable } from '@nestjs/common';
import { CASEWORK_AUDIT_STREAMS } from '@oioo/contracts';
import { DATABASE, type Database } from '@oioo/database';
import { ChainHeadPublisher } from '@oioo/service-kit';
import { CASEWORK_CONFIG, type CaseworkConfig } from '../config/casework-config';

/** S2, S3: publishes the heads of casework's streams (consultations, operations, decisions) every AUDIT_CHAIN_HEAD_INTERVAL_SECONDS. */
@Injectable()
export class CaseworkChainHeadPublisher extends ChainHeadPublisher {
  constructor(@Inject(DATABASE) db: Database, @Inject(CASEWORK_CONFIG) config: CaseworkConfig) {
    super(db, { service: 'casework', streams: CASEWORK_AUDIT_STREAMS, intervalSeconds: config.chainHeadIntervalSeconds });
  }
}
