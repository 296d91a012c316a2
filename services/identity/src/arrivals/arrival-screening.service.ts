import { Inject, Injectable } from '@nestjs/common';
import { type ArrivalRecordedData, type EventEnvelope } from '@oioo/contracts';
import { DATABASE, type Database, type Queryable } from '@oioo/database';
import { type ArrivalScreening } from '@oioo/workflows-readmission';
import { EnrolmentsRepository } from '../enrolments/enrolments.repository';
import { RegisterMatcher } from '../matching/register-matcher.service';
import { IrregularEntriesRepository } from '../registers/irregular-entries.repository';
import { ReturnsRegisterRepository } from '../registers/returns-register.repository';
import { type MatchedCase, decideArrivalRecord } from './arrival-record-decision';
import { type ArrivalRecordLink, ArrivalRecordLinksRepository } from './arrival-record-links.repository';
import { type ArrivalScreeningRecord, ArrivalScreeningsRepository } from './arrival-screenings.repository';
import { READMISSION_CASE_STATUSES, type ReadmissionCaseStatuses } from './readmission-case-status';

/** What screening made of an arrival record: a case to open (or already opened), or a link to an existing case. */
export type ArrivalScreeningOutcome = { kind: 'case'; record: ArrivalScreeningRecord } | { kind: 'linked'; link: ArrivalRecordLink };

/**
 * Every arrival screening takes this transaction-scoped advisory lock, so whether a record is a new
 * person is decided for one record at a time across every identity instance (R11, one person, one case).
 * A key of its own, far from any other lock the service might take.
 */
const ARRIVAL_INTAKE_LOCK = 0x01d1_7a11;

/**
 * R11 screening of a small-boat arrival record. Under one lock and in one transaction, it decides
 * whether the record is a person identity already holds, by biometric match against earlier arrival
 * cases and the register of returns (arrival-record-decision.ts):
 * - a second record of a person with an open case, or a late record of a crossing an ended case
 *   covered, opens no case: it is linked to that case;
 * - otherwise the record opens a case: its template is enrolled, the irregular entry recorded (E4),
 *   and the case is flagged as a re-entry after a return, or linked to an earlier case that ended
 *   without one.
 * Once per record case id: a redelivered or repeated event gets the first outcome back.
 */
@Injectable()
export class ArrivalScreeningService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly enrolments: EnrolmentsRepository,
    private readonly irregularEntries: IrregularEntriesRepository,
    private readonly matcher: RegisterMatcher,
    private readonly screenings: ArrivalScreeningsRepository,
    private readonly links: ArrivalRecordLinksRepository,
    private readonly returns: ReturnsRegisterRepository,
    @Inject(READMISSION_CASE_STATUSES) private readonly statuses: ReadmissionCaseStatuses,
  ) {}

  /** Screens the arrival record (or returns its earlier outcome). */
  async screen(event: EventEnvelope<ArrivalRecordedData>): Promise<ArrivalScreeningOutcome> {
    const arrival = event.data;
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [ARRIVAL_INTAKE_LOCK]);
      const earlier = await this.screenings.find(tx, arrival.caseId);
      if (earlier) return { kind: 'case', record: earlier };
      const linked = await this.links.find(tx, arrival.caseId);
      if (linked) return { kind: 'linked', link: linked };

      const decision = decideArrivalRecord(await this.matchedCases(tx, arrival), arrival.arrivedAt);
      if (decision.kind === 'link') {
        const link = await this.links.recordOnce(tx, {
          recordCaseId: arrival.caseId,
          eventId: event.eventId,
          personId: arrival.personId,
          caseId: decision.to.caseId,
          link: decision.link,
          matchedEnrolmentReference: decision.to.enrolmentReference,
          matchScore: decision.to.score,
          recordArrivedAt: arrival.arrivedAt,
        });
        return { kind: 'linked', link };
      }

      const { enrolment } = await this.enrolments.enrol(tx, {
        personId: arrival.personId,
        caseId: arrival.caseId,
        context: 'arrival',
        // One enrolment per arrival case, whichever copy of the event comes first.
        sourceKey: `arrival:${arrival.caseId}`,
        eventId: event.eventId,
        template: arrival.biometricTemplate,
        capturedAt: arrival.arrivedAt,
      });
      // E4: every small-boat arrival is a recorded irregular entry.
      await this.irregularEntries.record(tx, {
        caseId: arrival.caseId,
        personId: arrival.personId,
        enrolmentReference: enrolment.reference,
        route: arrival.route,
        arrivedAt: arrival.arrivedAt,
      });
      const { previousReturn, earlierCase } = decision;
      const screening: ArrivalScreening = {
        reEntry: previousReturn !== undefined,
        ...(previousReturn ? { previousCaseId: previousReturn.caseId } : {}),
        ...(earlierCase ? { earlierCaseId: earlierCase.caseId } : {}),
        enrolmentReference: enrolment.reference,
      };
      const record = await this.screenings.recordOnce(tx, {
        caseId: arrival.caseId,
        eventId: event.eventId,
        personId: arrival.personId,
        screening,
        ...(previousReturn ? { match: { enrolmentReference: previousReturn.enrolmentReference, score: previousReturn.score } } : {}),
      });
      return { kind: 'case', record };
    });
  }

  /** Notes that a case's workflow is known to have started, so a later record can tell an opening case from an ended one. */
  async confirmOpened(caseId: string): Promise<void> {
    await this.screenings.markOpened(this.db, caseId);
  }

  /**
   * The earlier cases the record's biometrics match: arrival cases (their irregular entries) and
   * returns, merged by case, each with whether it is open. A case screened whose workflow Temporal does
   * not know is still opening when identity has not seen it start, and ended long ago (its history
   * removed after the namespace's retention) when it has.
   */
  private async matchedCases(tx: Queryable, arrival: ArrivalRecordedData): Promise<MatchedCase[]> {
    const options = { excludeCaseId: arrival.caseId };
    const found = [
      ...(await this.matcher.find(tx, arrival.biometricTemplate, 'irregular-entries', options)),
      ...(await this.matcher.find(tx, arrival.biometricTemplate, 'returns', options)),
    ];
    const best = new Map<string, (typeof found)[number]>();
    for (const match of found) if ((best.get(match.caseId)?.score ?? -1) < match.score) best.set(match.caseId, match);
    const caseIds = [...best.keys()];
    const returnedAt = await this.returns.returnedAt(tx, caseIds);
    const openedAt = await this.screenings.openedAt(tx, caseIds);

    const matched: MatchedCase[] = [];
    for (const match of best.values()) {
      const returned = returnedAt.get(match.caseId);
      const base = { caseId: match.caseId, enrolmentReference: match.enrolmentReference, score: match.score };
      if (returned !== undefined) {
        matched.push({ ...base, returnedAt: returned, status: { open: false, endedAt: returned } });
        continue;
      }
      const status = await this.statuses.statusOf(match.caseId);
      const opened = openedAt.get(match.caseId) ?? null;
      if (status.kind === 'running' || (status.kind === 'not-found' && opened === null)) matched.push({ ...base, status: { open: true } });
      else matched.push({ ...base, status: { open: false, endedAt: status.kind === 'closed' ? status.closedAt : (opened as string) } });
    }
    return matched;
  }
}
