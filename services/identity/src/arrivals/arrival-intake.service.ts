import { Inject, Injectable } from '@nestjs/common';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { type ArrivalRecordedData, type EventEnvelope, TaskQueues, Topics, readmissionWorkflowId } from '@oioo/contracts';
import { createLogger } from '@oioo/config';
import { EventHandler } from '@oioo/kafka';
import { TEMPORAL_CLIENT } from '@oioo/temporal';
import { type ArrivalRecordedSignalInput, arrivalRecordedSignal, readmissionCaseWorkflow } from '@oioo/workflows-readmission';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity-config';
import { teamFor, teamSearchAttribute } from '../teams/team-allocation';
import { ArrivalScreeningService } from './arrival-screening.service';

/** What became of an arrival event. */
export type ArrivalIntakeOutcome = 'case-signalled' | 'case-already-closed';

/**
 * Opens (or finds) the readmission case of each arrival Border Force records, after identity's
 * screening (R11): enrolment, irregular entry, returns-register check. Signal-with-start makes it
 * idempotent: the workflow ID comes from the case id, so a redelivered or duplicated event reaches
 * the same case, whose workflow ignores a second arrival; the screening is stored per case, so every
 * copy carries the same one.
 */
@Injectable()
export class ArrivalIntake {
  private readonly logger = createLogger('identity').child({ feature: 'arrival-intake' });

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly screening: ArrivalScreeningService,
    @Inject(IDENTITY_CONFIG) private readonly config: Pick<IdentityConfig, 'readmissionTimeCompression' | 'readmissionTeams'>,
  ) {}

  @EventHandler(Topics.arrivalRecorded)
  async onArrivalRecorded(event: EventEnvelope<ArrivalRecordedData>): Promise<void> {
    await this.forward(event);
  }

  /** Screens the arrival, then signal-with-starts its case; a database or Temporal failure throws, so the consumer retries and then dead-letters. */
  async forward(event: EventEnvelope<ArrivalRecordedData>): Promise<ArrivalIntakeOutcome> {
    const workflowId = readmissionWorkflowId(event.data.caseId);
    const { screening, match } = await this.screening.screen(event);
    if (screening.reEntry) {
      // R11: a returned person re-entered; the new case is flagged. Opaque ids only (S3).
      this.logger.warn('arrival matches a person returned under the scheme', {
        eventId: event.eventId,
        workflowId,
        previousCaseId: screening.previousCaseId,
        enrolmentReference: screening.enrolmentReference,
        score: match?.score,
      });
    }
    // The case needs the enrolment reference, not the biometric template itself (R12, S3: keep histories lean of personal data).
    const { biometricTemplate: _template, ...arrival } = event.data;
    const signal: ArrivalRecordedSignalInput = { eventId: event.eventId, arrival, screening };
    const compression = this.config.readmissionTimeCompression;
    try {
      await this.temporal.workflow.signalWithStart(readmissionCaseWorkflow, {
        taskQueue: TaskQueues.readmission,
        workflowId,
        args: [{ caseId: event.data.caseId, ...(compression === 1 ? {} : { policy: { timeCompression: compression } }) }],
        signal: arrivalRecordedSignal,
        signalArgs: [signal],
        // A case that has ended is never reopened by a late copy of its arrival.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        // Set only when this call starts the case; a running case keeps the team it was given.
        typedSearchAttributes: teamSearchAttribute(teamFor(event.data.caseId, this.config.readmissionTeams)),
      });
      this.logger.info('arrival forwarded to its case', { eventId: event.eventId, workflowId, reEntry: screening.reEntry });
      return 'case-signalled';
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      this.logger.warn('arrival for a case that has already ended; ignored', { eventId: event.eventId, workflowId });
      return 'case-already-closed';
    }
  }
}
