import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { AuthModule } from '@oioo/auth';
import { DatabaseHealthIndicator, DatabaseModule } from '@oioo/database';
import { HealthModule } from '@oioo/service-kit';
import { TemporalClientModule, TemporalHealthIndicator } from '@oioo/temporal';
import { API_ROUTES } from './api/routes';
import { CaseDirectory } from './cases/case-directory';
import { CaseReader } from './cases/case-reader';
import { LedgerReader } from './cases/ledger-reader';
import { CASEWORK_CONFIG, loadCaseworkConfig } from './config/casework-config';
import { ConsultationLog } from './consultations/consultation-log.repository';
import { StaffDirectory } from './consultations/staff-directory.repository';
import { ApiHandlers } from './controllers/api-handlers';
import { buildCaseworkApiController } from './controllers/casework-api.controller';
import { DocsController } from './controllers/docs.controller';
import { WorkQueues } from './queues/work-queues.service';
import { BusinessGauges } from './metrics/business-gauges.service';
import { IdempotencyStore } from './steps/idempotency.repository';
import { StepRunner } from './steps/step-runner';

/**
 * The casework service: the only way people act on cases. People's tokens are verified against the
 * OIDC provider (deny by default); reads and Updates go to Temporal; the consultation log, the
 * Idempotency-Keys and the staff names live in its own `casework` schema. It reaches into no other
 * service's tables and consumes no events.
 */
@Module({
  imports: [
    AuthModule.forRoot({ service: 'casework' }),
    TemporalClientModule,
    DatabaseModule.forRoot({ schema: 'casework', migrationsDir: join(__dirname, 'migrations') }),
    HealthModule.forRoot({ service: 'casework', imports: [TemporalClientModule], indicators: [TemporalHealthIndicator, DatabaseHealthIndicator] }),
  ],
  controllers: [buildCaseworkApiController(API_ROUTES), DocsController],
  providers: [
    { provide: CASEWORK_CONFIG, useFactory: () => loadCaseworkConfig() },
    CaseDirectory,
    CaseReader,
    LedgerReader,
    ConsultationLog,
    StaffDirectory,
    IdempotencyStore,
    StepRunner,
    WorkQueues,
    ApiHandlers,
    BusinessGauges,
  ],
})
export class CaseworkAppModule {}
