import { Module } from '@nestjs/common';
import { TemporalClientModule } from '@oioo/temporal';
import { CaseWorkflowGateway } from './case-workflow.gateway';

/** The readmission case workflows, as the legal-review event handlers reach them. */
@Module({ imports: [TemporalClientModule], providers: [CaseWorkflowGateway], exports: [CaseWorkflowGateway] })
export class CaseWorkflowModule {}
