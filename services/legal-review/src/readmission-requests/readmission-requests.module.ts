import { Module } from '@nestjs/common';
import { CaseWorkflowModule } from '../case-workflow/case-workflow.module';
import { FranceRepliesRepository } from './france-replies.repository';
import { FranceReplyHandler } from './france-reply.handler';
import { ReadmissionRequestSender } from './readmission-request-sender.service';
import { ReadmissionRequestsController } from './readmission-requests.controller';
import { ReadmissionRequestsRepository } from './readmission-requests.repository';

/** The readmission request to France (R12, S3) and France's replies (R4, R10). */
@Module({
  imports: [CaseWorkflowModule],
  controllers: [ReadmissionRequestsController],
  providers: [ReadmissionRequestsRepository, FranceRepliesRepository, ReadmissionRequestSender, FranceReplyHandler],
})
export class ReadmissionRequestsModule {}
