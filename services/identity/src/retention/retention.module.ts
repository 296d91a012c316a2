import { Module } from '@nestjs/common';
import { parseConfig } from '@oioo/config';
import { retentionPolicyEnvSchema } from '@oioo/contracts';
import { TemporalClientModule } from '@oioo/temporal';
import { CASE_CLOSURES, TemporalCaseClosures } from './case-closures';
import { IDENTITY_RETENTION, IdentityRetention } from './identity-retention.service';
import { RetentionSweepController } from './retention-sweep.controller';

/** S4: identity's retention sweep, by the `RETENTION_*` policy parsed at boot (a bad value stops the process naming it). */
@Module({
  imports: [TemporalClientModule],
  controllers: [RetentionSweepController],
  providers: [
    IdentityRetention,
    { provide: IDENTITY_RETENTION, useFactory: () => parseConfig('identity', retentionPolicyEnvSchema, process.env) },
    { provide: CASE_CLOSURES, useClass: TemporalCaseClosures },
  ],
})
export class RetentionModule {}
