import { Injectable } from '@nestjs/common';
import { type ChallengeDecidedData, type ChallengeLodgedData, type EventEnvelope, Topics } from '@oioo/contracts';
import { createLogger } from '@oioo/config';
import { EventHandler, EventRejectedError } from '@oioo/kafka';
import { CaseWorkflowGateway } from '../case-workflow/case-workflow.gateway';
import { ChallengesRepository } from './challenges.repository';

/** What became of a challenge event: it changed the case, or it repeated what the register already had. */
export type ChallengeEventOutcome = 'hold-placed' | 'hold-released' | 'duplicate';

/**
 * Keeps the register of legal challenges (R7, R5) and tells each case's workflow about them. The
 * workflow is signalled before the register is written: if the write then fails, the redelivered event
 * signals again, which the workflow ignores for a hold it already has; the other way round, a register
 * row could claim a hold the case never received.
 */
@Injectable()
export class ChallengeEventsHandler {
  private readonly logger = createLogger('legal-review').child({ feature: 'challenges' });

  constructor(
    private readonly challenges: ChallengesRepository,
    private readonly cases: CaseWorkflowGateway,
  ) {}

  @EventHandler(Topics.challengeLodged)
  async onChallengeLodged(event: EventEnvelope<ChallengeLodgedData>): Promise<void> {
    await this.lodge(event);
  }

  @EventHandler(Topics.challengeDecided)
  async onChallengeDecided(event: EventEnvelope<ChallengeDecidedData>): Promise<void> {
    await this.decide(event);
  }

  /** R7: a lodged challenge holds the case; a duplicate changes nothing. */
  async lodge(event: EventEnvelope<ChallengeLodgedData>): Promise<ChallengeEventOutcome> {
    const { challengeId, caseId, personId, kind, lodgedAt } = event.data;
    const existing = await this.challenges.find(challengeId);
    if (existing) {
      if (existing.caseId !== caseId || existing.personId !== personId || existing.kind !== kind) {
        throw new EventRejectedError(
          `challenge ${challengeId} is already registered as ${existing.kind} on case ${existing.caseId}; a lodging with different details is refused`,
        );
      }
      // Also covers a late copy arriving after the decision: re-placing the hold would stop a case the court has released.
      this.logger.info('duplicate challenge lodging ignored', { eventId: event.eventId, challengeId, caseId, status: existing.status });
      return 'duplicate';
    }
    await this.cases.placeHold(caseId, { reference: challengeId, kind, lodgedAt });
    await this.challenges.recordLodged({ challengeId, caseId, personId, kind, lodgedAt: new Date(lodgedAt), eventId: event.eventId });
    this.logger.info('challenge lodged; case on hold', { eventId: event.eventId, challengeId, caseId, kind });
    return 'hold-placed';
  }

  /** R7: a decision releases the hold (or, upheld, ends the case's readmission); a repeat of it changes nothing. */
  async decide(event: EventEnvelope<ChallengeDecidedData>): Promise<ChallengeEventOutcome> {
    const { challengeId, caseId, outcome, decidedAt } = event.data;
    const existing = await this.challenges.find(challengeId);
    if (!existing) {
      throw new EventRejectedError(
        `challenge ${challengeId} is not in the register, so no hold of case ${caseId} can be released: ` +
          'either the challenge is unknown or its decision arrived before its lodging (out of order); replay this event after the lodging',
      );
    }
    if (existing.caseId !== caseId) {
      throw new EventRejectedError(`challenge ${challengeId} was lodged on case ${existing.caseId}, not on case ${caseId}`);
    }
    if (existing.status === 'decided') {
      if (existing.outcome === outcome && existing.decidedAt?.getTime() === new Date(decidedAt).getTime()) {
        this.logger.info('duplicate challenge decision ignored', { eventId: event.eventId, challengeId, caseId });
        return 'duplicate';
      }
      throw new EventRejectedError(
        `challenge ${challengeId} was already decided (${existing.outcome} at ${existing.decidedAt?.toISOString()}); a different decision (${outcome} at ${decidedAt}) is refused`,
      );
    }
    await this.cases.releaseHold(caseId, { reference: challengeId, outcome });
    await this.challenges.recordDecision(challengeId, { outcome, decidedAt: new Date(decidedAt), eventId: event.eventId });
    this.logger.info('challenge decided; hold released', { eventId: event.eventId, challengeId, caseId, outcome });
    return 'hold-released';
  }
}
