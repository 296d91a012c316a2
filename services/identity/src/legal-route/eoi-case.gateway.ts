import { Inject, Injectable } from '@nestjs/common';
import { type Client, type WorkflowHandle, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { TaskQueues, eoiWorkflowId } from '@oioo/contracts';
import { EventRejectedError } from '@oioo/kafka';
import { teamSearchAttribute } from '../teams/team-allocation';
import { TEMPORAL_CLIENT, callRunningWorkflow } from '@oioo/temporal';
import {
  type BiometricsCapturedSignalInput,
  type EoiCaseInput,
  type EoiSubmittedSignalInput,
  type PresenceConfirmedSignalInput,
  biometricsCapturedSignal,
  eoiCaseWorkflow,
  eoiSubmittedSignal,
  presenceConfirmedSignal,
} from '@oioo/workflows-eoi';

/** What became of a submission sent to its case. */
export type OpenEoiCaseOutcome = 'case-signalled' | 'case-already-closed';

/**
 * Passes the portal's and the visa application centre's facts to an EOI case (`eoi:<eoiId>`) for the
 * event handlers. A fact for a case with no running workflow cannot be helped by retrying, so it becomes
 * an {@link EventRejectedError} and the event is dead-lettered with the reason; anything else (Temporal
 * unreachable) is thrown as it is, and the consumer retries.
 */
@Injectable()
export class EoiCaseGateway {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly temporal: Client) {}

  /** E1, E5: signal-with-start of the case with its submission; a case that has ended is never reopened. */
  async open(input: EoiCaseInput, submission: EoiSubmittedSignalInput, team: string): Promise<OpenEoiCaseOutcome> {
    try {
      await this.temporal.workflow.signalWithStart(eoiCaseWorkflow, {
        taskQueue: TaskQueues.legalRoute,
        workflowId: eoiWorkflowId(input.eoiId),
        args: [input],
        signal: eoiSubmittedSignal,
        signalArgs: [submission],
        // A late copy of the submission must not open a second case for an EOI that has ended.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        // Set only when this call starts the case; a running case keeps the team it was given.
        typedSearchAttributes: teamSearchAttribute(team),
      });
      return 'case-signalled';
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return 'case-already-closed';
      throw error;
    }
  }

  /** E2: an adult confirmed their location. */
  async confirmPresence(eoiId: string, input: PresenceConfirmedSignalInput): Promise<void> {
    await this.withCase(eoiId, (handle) => handle.signal(presenceConfirmedSignal, input));
  }

  /** E7: a person's biometrics were captured and enrolled; the case gets the enrolment reference, never the template. */
  async biometricsCaptured(eoiId: string, input: BiometricsCapturedSignalInput): Promise<void> {
    await this.withCase(eoiId, (handle) => handle.signal(biometricsCapturedSignal, input));
  }

  private async withCase(eoiId: string, act: (handle: WorkflowHandle) => Promise<void>): Promise<void> {
    const workflowId = eoiWorkflowId(eoiId);
    const outcome = await callRunningWorkflow(() => act(this.temporal.workflow.getHandle(workflowId)));
    if (outcome.kind === 'not-running') throw new EventRejectedError(`no running EOI case ${workflowId}: it was never opened or has already ended`);
  }
}
