import { Injectable } from '@nestjs/common';
import { type EventEnvelope, type SecurityCheckCompletedData, Topics } from '@oioo/contracts';
import { createLogger } from '@oioo/config';
import { EventHandler, EventRejectedError } from '@oioo/kafka';
import { EoiWorkflowGateway } from './eoi-workflow.gateway';
import { SecurityChecksRepository } from './security-checks.repository';

/** What became of a result event: forwarded to its EOI case, or a copy of one already forwarded. */
export type SecurityCheckResultOutcome = 'forwarded' | 'duplicate';

/**
 * Forwards the security services' results (E7) to the EOI case workflow that asked for them. A result
 * must quote a request legal-review issued, for the same EOI, about a person of that request; a refusal
 * must give its ground. Anything else is dead-lettered at once with its reason, for a person to look at.
 *
 * The workflow is signalled before the result is stored: a failed write makes the redelivered event
 * signal again, which the workflow ignores (it knows the event id). The reverse order could leave a
 * stored result the case never received.
 */
@Injectable()
export class SecurityCheckResultsHandler {
  private readonly logger = createLogger('legal-review').child({ feature: 'security-checks' });

  constructor(
    private readonly checks: SecurityChecksRepository,
    private readonly eois: EoiWorkflowGateway,
  ) {}

  @EventHandler(Topics.securityCheckCompleted)
  async onSecurityCheckCompleted(event: EventEnvelope<SecurityCheckCompletedData>): Promise<void> {
    await this.forward(event);
  }

  /** Checks the result against the requests issued, signals the EOI case, and stores the result. */
  async forward(event: EventEnvelope<SecurityCheckCompletedData>): Promise<SecurityCheckResultOutcome> {
    const { eoiId, checkReference, personId, outcome, ground, completedAt } = event.data;
    if (await this.checks.findResult(event.eventId)) {
      this.logger.info('duplicate security check result ignored', { eventId: event.eventId, checkReference, eoiId });
      return 'duplicate';
    }
    const request = await this.checks.findRequest(checkReference);
    if (!request) throw new EventRejectedError(`no security check request ${checkReference} was issued by legal-review`);
    if (request.eoiId !== eoiId) {
      throw new EventRejectedError(`security check request ${checkReference} was issued for EOI ${request.eoiId}, not for EOI ${eoiId}`);
    }
    if (!request.personIds.includes(personId)) {
      throw new EventRejectedError(`person ${personId} is not among the people of security check request ${checkReference}`);
    }
    if (outcome === 'refuse' && !ground) {
      throw new EventRejectedError(`the refusal of person ${personId} under security check request ${checkReference} gives no ground (security, criminality, suitability or deception)`);
    }
    if (outcome === 'clear' && ground) {
      throw new EventRejectedError(`the result for person ${personId} under security check request ${checkReference} is clear but gives a ground for refusal (${ground})`);
    }
    const earlier = await this.checks.findResultFor(checkReference, personId);
    if (earlier) {
      if (earlier.outcome === outcome && earlier.ground === ground) {
        // The same result under another event id: the case has it already.
        this.logger.info('copy of a security check result ignored', { eventId: event.eventId, firstEventId: earlier.eventId, checkReference, eoiId });
        return 'duplicate';
      }
      throw new EventRejectedError(
        `person ${personId} under security check request ${checkReference} already has the result ${describe(earlier.outcome, earlier.ground)}; a different one (${describe(outcome, ground)}) is refused`,
      );
    }

    await this.eois.securityCheckCompleted(eoiId, { eventId: event.eventId, personId, checkReference, outcome, ...(ground ? { ground } : {}), completedAt });
    await this.checks.recordResult({ eventId: event.eventId, checkReference, eoiId, personId, outcome, ...(ground ? { ground } : {}), completedAt: new Date(completedAt) });
    this.logger.info('security check result forwarded to its EOI case', { eventId: event.eventId, checkReference, eoiId, outcome });
    return 'forwarded';
  }
}

function describe(outcome: 'clear' | 'refuse', ground: string | undefined): string {
  return ground ? `${outcome} on ground ${ground}` : outcome;
}
