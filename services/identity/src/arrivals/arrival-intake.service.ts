import { Inject, Injectable } from '@nestjs/common';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { type ArrivalRecordedData, type EventEnvelope, TaskQueues, Topics, readmissionWorkflowId } from '@oioo/contracts';
import { createLogger } from '@oioo/config';
import { EventHandler } from '@oioo/kafka';
import { TEMPORAL_CLIENT } from '@oioo/temporal';
import { arrivalRecordedSignal, readmissionCaseWorkflow } from '@oioo/workflows-readmission';
import { WorkflowIdReusePolicy } from '@temporalio/common';

/** What became of an arrival event. */
export type ArrivalIntakeOutcome = 'case-signalled' | 'case-already-closed';

/**
 * Opens (or finds) the readmission case of each arrival Border Force records. Signal-with-start makes
 * it idempotent: the workflow ID comes from the case id, so a redelivered or duplicated event reaches
 * the same case, whose workflow ignores a second arrival.
 */
@Injectable()
export class ArrivalIntake {
  private readonly logger = createLogger('identity').child({ feature: 'arrival-intake' });

  constructor(@Inject(TEMPORAL_CLIENT) private readonly temporal: Client) {}

  @EventHandler(Topics.arrivalRecorded)
  async onArrivalRecorded(event: EventEnvelope<ArrivalRecordedData>): Promise<void> {
    await this.forward(event);
  }

  /** Signal-with-start of the arrival's case; a Temporal failure throws, so the consumer retries and then dead-letters. */
  async forward(event: EventEnvelope<ArrivalRecordedData>): Promise<ArrivalIntakeOutcome> {
    const workflowId = readmissionWorkflowId(event.data.caseId);
    try {
      await this.temporal.workflow.signalWithStart(readmissionCaseWorkflow, {
        taskQueue: TaskQueues.readmission,
        workflowId,
        args: [{ caseId: event.data.caseId }],
        signal: arrivalRecordedSignal,
        signalArgs: [{ eventId: event.eventId, arrival: event.data }],
        // A case that has ended is never reopened by a late copy of its arrival.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
      this.logger.info('arrival forwarded to its case', { eventId: event.eventId, workflowId });
      return 'case-signalled';
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      this.logger.warn('arrival for a case that has already ended; ignored', { eventId: event.eventId, workflowId });
      return 'case-already-closed';
    }
  }
}
