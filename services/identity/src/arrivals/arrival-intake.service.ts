import { Inject, Injectable } from '@nestjs/common';
import { type Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { type ArrivalRecordedData, type EventEnvelope, TaskQueues, Topics, readmissionWorkflowId } from '@oioo/contracts';
import { createLogger } from '@oioo/config';
import { EventHandler, EventProducer } from '@oioo/kafka';
import { TEMPORAL_CLIENT } from '@oioo/temporal';
import { type ArrivalRecordedSignalInput, arrivalRecordLinkedSignal, arrivalRecordedSignal, readmissionCaseWorkflow } from '@oioo/workflows-readmission';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity-config';
import { teamFor, teamSearchAttribute } from '../teams/team-allocation';
import { type ArrivalRecordLink } from './arrival-record-links.repository';
import { type ArrivalScreeningRecord } from './arrival-screenings.repository';
import { ArrivalScreeningService } from './arrival-screening.service';

/** What became of an arrival event. */
export type ArrivalIntakeOutcome = 'case-signalled' | 'case-already-closed' | 'record-linked';

/**
 * Opens (or finds) the readmission case of each arrival Border Force records, after identity's
 * screening (R11): one person, one case. A record of a person identity already holds opens no case: it
 * is linked to the existing case, whose timeline notes it, and the link is announced on
 * `identity.arrival-record.linked.v1` for Border Force. A new person's case is signal-with-started under
 * the workflow ID of its case id, so a redelivered event reaches the same case; the outcome of
 * screening is stored per record, so every copy of an event gets the same one.
 */
@Injectable()
export class ArrivalIntake {
  private readonly logger = createLogger('identity').child({ feature: 'arrival-intake' });

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly screening: ArrivalScreeningService,
    private readonly events: EventProducer,
    @Inject(IDENTITY_CONFIG) private readonly config: Pick<IdentityConfig, 'readmissionTimeCompression' | 'readmissionTeams'>,
  ) {}

  @EventHandler(Topics.arrivalRecorded)
  async onArrivalRecorded(event: EventEnvelope<ArrivalRecordedData>): Promise<void> {
    await this.forward(event);
  }

  /** Screens the record, then opens its case or links it; a database, Temporal or Kafka failure throws, so the consumer retries and then dead-letters. */
  async forward(event: EventEnvelope<ArrivalRecordedData>): Promise<ArrivalIntakeOutcome> {
    const outcome = await this.screening.screen(event);
    if (outcome.kind === 'linked') {
      await this.linkToCase(outcome.link);
      return 'record-linked';
    }
    return this.openCase(event, outcome.record);
  }

  private async openCase(event: EventEnvelope<ArrivalRecordedData>, record: ArrivalScreeningRecord): Promise<ArrivalIntakeOutcome> {
    const workflowId = readmissionWorkflowId(event.data.caseId);
    const { screening, match } = record;
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
      await this.screening.confirmOpened(event.data.caseId);
      this.logger.info('arrival forwarded to its case', { eventId: event.eventId, workflowId, reEntry: screening.reEntry, earlierCaseId: screening.earlierCaseId });
      return 'case-signalled';
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      await this.screening.confirmOpened(event.data.caseId);
      this.logger.warn('arrival for a case that has already ended; ignored', { eventId: event.eventId, workflowId });
      return 'case-already-closed';
    }
  }

  /**
   * Notes the record on its case's timeline (an open case only: an ended one takes no signals), then
   * announces the link. Each step is idempotent, so a retry after a failure repeats none of them twice:
   * the case notes an event once, and the announcement keeps its stored event id.
   */
  private async linkToCase(link: ArrivalRecordLink): Promise<void> {
    const workflowId = readmissionWorkflowId(link.caseId);
    if (link.link === 'open-case') await this.signalLink(link, workflowId);
    await this.events.publish(Topics.arrivalRecordLinked, {
      eventId: link.noticeEventId,
      subject: link.recordCaseId,
      source: 'uk-identity',
      occurredAt: link.linkedAt,
      correlationId: workflowId,
      data: {
        recordCaseId: link.recordCaseId,
        recordEventId: link.eventId,
        caseId: link.caseId,
        link: link.link,
        matchScore: link.matchScore,
        linkedAt: link.linkedAt,
      },
    });
    this.logger.info('arrival record linked to an existing case; no case opened', {
      eventId: link.eventId,
      recordCaseId: link.recordCaseId,
      workflowId,
      link: link.link,
      score: link.matchScore,
    });
  }

  private async signalLink(link: ArrivalRecordLink, workflowId: string): Promise<void> {
    try {
      await this.temporal.workflow.getHandle(workflowId).signal(arrivalRecordLinkedSignal, { eventId: link.eventId, recordCaseId: link.recordCaseId, matchScore: link.matchScore });
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      // The case ended since the link was decided: the record still belongs to it, and an ended case takes no note.
      const described = await this.temporal.workflow
        .getHandle(workflowId)
        .describe()
        .catch(() => undefined);
      if (described && described.status.name !== 'RUNNING') return;
      // The first record's case is still being opened by the event that carried it: retry until it is.
      throw new Error(`case ${link.caseId} is not running yet; the record linked to it will be noted when it is`, { cause: error });
    }
  }
}
