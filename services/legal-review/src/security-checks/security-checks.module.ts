import { Module } from '@nestjs/common';
import { TemporalClientModule } from '@oioo/temporal';
import { EoiWorkflowGateway } from './eoi-workflow.gateway';
import { SecurityCheckRequester } from './security-check-requester.service';
import { SecurityCheckRequestsController } from './security-check-requests.controller';
import { SecurityCheckResultsHandler } from './security-check-results.handler';
import { SecurityChecksRepository } from './security-checks.repository';

/** E7: security and suitability checks asked for the invited applicants of an EOI, and their results forwarded to the EOI case. */
@Module({
  imports: [TemporalClientModule],
  controllers: [SecurityCheckRequestsController],
  providers: [SecurityChecksRepository, SecurityCheckRequester, EoiWorkflowGateway, SecurityCheckResultsHandler],
})
export class SecurityChecksModule {}
