import { Inject, Injectable } from '@nestjs/common';
import { createLogger } from '@oioo/config';
import { type RetentionPolicy, type RetentionSweepResult, retentionCutoff } from '@oioo/contracts';
import { DATABASE, type Database, pruneChained } from '@oioo/database';
import { CASEWORK_RETENTION } from './retention-config';

/**
 * S4: the casework service's part of a retention sweep. The consultation log is a hash-chained audit stream,
 * so its old entries leave through a chained checkpoint (`pruneChained`), never a plain DELETE. The
 * decision and operations logs are kept (docs/data-protection.md says why).
 */
@Injectable()
export class ConsultationRetention {
  private readonly logger = createLogger('casework').child({ feature: 'retention' });

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CASEWORK_RETENTION) private readonly policy: RetentionPolicy,
  ) {}

  /** Deletes the consultations older than their period as of `asOf`; a second sweep with the same `asOf` deletes nothing. */
  async sweep(asOf: Date): Promise<RetentionSweepResult> {
    const cutoff = retentionCutoff(this.policy, 'consultation-logs', asOf);
    const outcome = await pruneChained(this.db, 'consultations', { before: cutoff, reason: `S4 retention: consultation-logs, ${this.policy['consultation-logs'].iso} from the read` });
    this.logger.info('retention sweep', { class: 'consultation-logs', cutoff: cutoff.toISOString(), deleted: outcome.deleted, checkpointSeq: outcome.checkpoint.seq });
    return { asOf: asOf.toISOString(), deleted: { 'consultation-logs': outcome.deleted }, cutoffs: { 'consultation-logs': cutoff.toISOString() } };
  }
}
