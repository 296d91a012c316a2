import { Inject, Injectable } from '@nestjs/common';
import { type LegalChallengeKind } from '@oioo/contracts';
import { DATABASE, type Database } from '@oioo/database';

/** Outcomes a court or the NRM may give a challenge. */
export type ChallengeOutcome = 'dismissed' | 'withdrawn' | 'upheld';

/** A challenge as the register holds it (R7). */
export interface Challenge {
  challengeId: string;
  caseId: string;
  personId: string;
  kind: LegalChallengeKind;
  lodgedAt: Date;
  status: 'lodged' | 'decided';
  outcome?: ChallengeOutcome;
  decidedAt?: Date;
}

/** A challenge being entered in the register, with the event that reported it. */
export interface LodgedChallenge {
  challengeId: string;
  caseId: string;
  personId: string;
  kind: LegalChallengeKind;
  lodgedAt: Date;
  eventId: string;
}

/** A decision being recorded, with the event that reported it. */
export interface ChallengeDecision {
  outcome: ChallengeOutcome;
  decidedAt: Date;
  eventId: string;
}

/** One matter still pending that bars a transfer (R5): its kind and the challenge's id. */
export interface PendingMatter {
  kind: LegalChallengeKind;
  reference: string;
}

interface ChallengeRow {
  challenge_id: string;
  case_id: string;
  person_id: string;
  kind: LegalChallengeKind;
  lodged_at: Date;
  status: 'lodged' | 'decided';
  outcome: ChallengeOutcome | null;
  decided_at: Date | null;
}

/** The register of legal challenges in the service's own schema. */
@Injectable()
export class ChallengesRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** The challenge with this id, if the register has it. */
  async find(challengeId: string): Promise<Challenge | undefined> {
    const { rows } = await this.db.query<ChallengeRow>(
      'SELECT challenge_id, case_id, person_id, kind, lodged_at, status, outcome, decided_at FROM challenges WHERE challenge_id = $1',
      [challengeId],
    );
    return rows[0] && toChallenge(rows[0]);
  }

  /** Enters a lodged challenge; false when the register already had it (a duplicate event changes nothing). */
  async recordLodged(challenge: LodgedChallenge): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `INSERT INTO challenges (challenge_id, case_id, person_id, kind, lodged_at, lodged_event_id)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (challenge_id) DO NOTHING`,
      [challenge.challengeId, challenge.caseId, challenge.personId, challenge.kind, challenge.lodgedAt, challenge.eventId],
    );
    return rowCount === 1;
  }

  /** Records the decision of a lodged challenge; false when it was not lodged (unknown, or already decided). */
  async recordDecision(challengeId: string, decision: ChallengeDecision): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `UPDATE challenges SET status = 'decided', outcome = $2, decided_at = $3, decided_event_id = $4
       WHERE challenge_id = $1 AND status = 'lodged'`,
      [challengeId, decision.outcome, decision.decidedAt, decision.eventId],
    );
    return rowCount === 1;
  }

  /** R5: the case's challenges still lodged, oldest first, as the database holds them now. */
  async pendingFor(caseId: string): Promise<PendingMatter[]> {
    const { rows } = await this.db.query<{ challenge_id: string; kind: LegalChallengeKind }>(
      `SELECT challenge_id, kind FROM challenges WHERE case_id = $1 AND status = 'lodged' ORDER BY lodged_at, challenge_id`,
      [caseId],
    );
    return rows.map((row) => ({ kind: row.kind, reference: row.challenge_id }));
  }
}

function toChallenge(row: ChallengeRow): Challenge {
  return {
    challengeId: row.challenge_id,
    caseId: row.case_id,
    personId: row.person_id,
    kind: row.kind,
    lodgedAt: row.lodged_at,
    status: row.status,
    ...(row.outcome === null ? {} : { outcome: row.outcome }),
    ...(row.decided_at === null ? {} : { decidedAt: row.decided_at }),
  };
}
