import { join } from 'node:path';
import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { AuthModule } from '@oioo/auth';
import { DatabaseHealthIndicator, DatabaseModule } from '@oioo/database';
import { HealthModule } from '@oioo/service-kit';
import { TemporalClientModule, TemporalHealthIndicator } from '@oioo/temporal';
import { API_ROUTES } from './api/routes';
import { CaseDirectory } from './cases/case-directory';
import { CaseReader } from './cases/case-reader';
import { LedgerReader } from './cases/ledger-reader';
import { CodecController } from './codec/codec.controller';
import { CODEC_SERVER_PROVIDERS, applyCodecCors } from './codec/codec-server.providers';
import { CASEWORK_CONFIG, loadCaseworkConfig } from './config/casework-config';
import { ConsultationLog } from './consultations/consultation-log.repository';
import { OperationsLog } from './operations/operations-log.repository';
import { AuditStreams } from './audit/audit-streams.service';
import { CaseworkChainHeadPublisher } from './audit/chain-head-publisher';
import { DecisionLog } from './steps/decision-log.repository';
import { StaffDirectory } from './consultations/staff-directory.repository';
import { ApiHandlers } from './controllers/api-handlers';
import { buildCaseworkApiController } from './controllers/casework-api.controller';
import { DocsController } from './controllers/docs.controller';
import { DataKeysController } from './data-keys/data-keys.controller';
import { DataKeysModule } from './data-keys/data-keys.module';
import { KeyRingController } from './data-keys/key-ring.controller';
import { WorkQueues } from './queues/work-queues.service';
import { BusinessGauges } from './metrics/business-gauges.service';
import { IdempotencyStore } from './steps/idempotency.repository';
import { StepRunner } from './steps/step-runner';
import { SUBJECT_ACCESS_PROVIDERS } from './subject-access/subject-access.providers';
import { CASEWORK_RETENTION, loadCaseworkRetention } from './retention/retention-config';
import { ConsultationRetention } from './retention/consultation-retention.service';
import { RetentionSweepController } from './retention/retention-sweep.controller';

/**
 * The casework service: the only way people act on cases. People's tokens are verified against the
 * OIDC provider (deny by default); reads and Updates go to Temporal; the consultation log, the
 * Idempotency-Keys and the staff names live in its own `casework` schema. It reaches into no other
 * service's tables (it asks the services over HTTP, as svc-casework, for subject-access requests only) and
 * consumes no events. It is also the codec server of the Temporal Web UI and CLI (`/codec`), under the same
 * tokens and access rules, and the data-key vault of every case's payloads (`/internal/v1/data-keys`, S4
 * crypto-shredding).
 */
@Module({
  imports: [
    AuthModule.forRoot({ service: 'casework' }),
    TemporalClientModule,
    DatabaseModule.forRoot({ schema: 'casework', migrationsDir: join(__dirname, 'migrations') }),
    DataKeysModule,
    HealthModule.forRoot({ service: 'casework', imports: [TemporalClientModule], indicators: [TemporalHealthIndicator, DatabaseHealthIndicator] }),
  ],
  controllers: [buildCaseworkApiController(API_ROUTES), DocsController, CodecController, DataKeysController, KeyRingController, RetentionSweepController],
  providers: [
    { provide: CASEWORK_CONFIG, useFactory: () => loadCaseworkConfig() },
    { provide: CASEWORK_RETENTION, useFactory: () => loadCaseworkRetention() },
    ConsultationRetention,
    CaseDirectory,
    CaseReader,
    LedgerReader,
    ConsultationLog,
    OperationsLog,
    DecisionLog,
    AuditStreams,
    CaseworkChainHeadPublisher,
    StaffDirectory,
    IdempotencyStore,
    StepRunner,
    WorkQueues,
    ApiHandlers,
    ...CODEC_SERVER_PROVIDERS,
    ...SUBJECT_ACCESS_PROVIDERS,
    BusinessGauges,
  ],
})
export class CaseworkAppModule implements NestModule {
  /** The codec server's CORS, ahead of the guard (see codec/). */
  configure(consumer: MiddlewareConsumer): void {
    applyCodecCors(consumer);
  }
}
