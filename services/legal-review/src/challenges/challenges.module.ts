import { Module } from '@nestjs/common';
import { CaseWorkflowModule } from '../case-workflow/case-workflow.module';
import { ChallengeEventsHandler } from './challenge-events.handler';
import { ChallengesRepository } from './challenges.repository';
import { PendingMattersController } from './pending-matters.controller';

/** Legal challenges: their register, the holds they put on cases (R7) and R5's view of what is pending. */
@Module({
  imports: [CaseWorkflowModule],
  controllers: [PendingMattersController],
  providers: [ChallengesRepository, ChallengeEventsHandler],
})
export class ChallengesModule {}
