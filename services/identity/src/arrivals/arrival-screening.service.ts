import { Inject, Injectable } from '@nestjs/common';
import { type ArrivalRecordedData, type EventEnvelope } from '@oioo/contracts';
import { DATABASE, type Database } from '@oioo/database';
import { type ArrivalScreening } from '@oioo/workflows-readmission';
import { EnrolmentsRepository } from '../enrolments/enrolments.repository';
import { RegisterMatcher } from '../matching/register-matcher.service';
import { IrregularEntriesRepository } from '../registers/irregular-entries.repository';
import { type ArrivalScreeningRecord, ArrivalScreeningsRepository } from './arrival-screenings.repository';

/**
 * R11 screening of a small-boat arrival: enrols the biometric template taken at arrival, records the
 * irregular entry (E4), and checks the template against the register of returns. All in one
 * transaction, once per case: a redelivered or duplicated arrival event gets the first screening back.
 */
@Injectable()
export class ArrivalScreeningService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly enrolments: EnrolmentsRepository,
    private readonly irregularEntries: IrregularEntriesRepository,
    private readonly matcher: RegisterMatcher,
    private readonly screenings: ArrivalScreeningsRepository,
  ) {}

  /** Screens the arrival (or returns its earlier screening) in the shape the case workflow takes. */
  async screen(event: EventEnvelope<ArrivalRecordedData>): Promise<ArrivalScreeningRecord> {
    const arrival = event.data;
    return this.db.transaction(async (tx) => {
      const earlier = await this.screenings.find(tx, arrival.caseId);
      if (earlier) return earlier;

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
      // R11: a returned person who re-enters is detected by biometric match, exact or near.
      const [best] = await this.matcher.find(tx, arrival.biometricTemplate, 'returns', { excludeCaseId: arrival.caseId });
      const screening: ArrivalScreening = best
        ? { reEntry: true, previousCaseId: best.caseId, enrolmentReference: enrolment.reference }
        : { reEntry: false, enrolmentReference: enrolment.reference };
      return this.screenings.recordOnce(tx, {
        caseId: arrival.caseId,
        eventId: event.eventId,
        personId: arrival.personId,
        screening,
        ...(best ? { match: { enrolmentReference: best.enrolmentReference, score: best.score } } : {}),
      });
    });
  }
}
