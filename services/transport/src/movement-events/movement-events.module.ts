import { Module } from '@nestjs/common';
import { TemporalClientModule } from '@oioo/temporal';
import { ManifestsModule } from '../manifests/manifests.module';
import { MovementsModule } from '../movements/movements.module';
import { BoardingEventsHandler } from './boarding-events.handler';
import { BoardingRecordsRepository } from './boarding-records.repository';
import { CaseWorkflowGateway } from './case-workflow.gateway';
import { EquivalenceLedgerGateway } from './equivalence-ledger.gateway';
import { HandoverEventsHandler } from './handover-events.handler';
import { HandoversRepository } from './handovers.repository';

/** R9, Q1: boarding records from escorts and handover confirmations from France, forwarded to the case workflows; confirmed handovers counted on the pilot's ledger. */
@Module({
  imports: [TemporalClientModule, MovementsModule, ManifestsModule],
  providers: [BoardingRecordsRepository, HandoversRepository, CaseWorkflowGateway, EquivalenceLedgerGateway, BoardingEventsHandler, HandoverEventsHandler],
})
export class MovementEventsModule {}
