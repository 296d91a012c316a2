import { Context } from '@temporalio/activity';
import { type Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { type WeeklyReportPublishedData, ledgerWorkflowId } from '@oioo/contracts';
import { type LedgerActivities, admissionRecordedUpdate, requestPlacesUpdate } from '@oioo/workflows-equivalence-ledger';
import type {
  BookAppointmentInput,
  BookTravelInput,
  CheckRegistersResult,
  EoiActivities,
  RecordAdmissionInput,
  RequestPresenceInput,
  RequestSecurityChecksInput,
} from '../eoi.activities';

/** The server's clock as the activity sees it: under time skipping, wall-clock time would lag behind. */
function serverNow(): Date {
  return new Date(Context.current().info.currentAttemptScheduledTimestampMs);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A ledger refusal arrives as a failed update; the EOI case must see it as a non-retryable failure with the ledger's reason. */
async function onLedger<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.nonRetryable) {
      throw ApplicationFailure.nonRetryable(error.cause.message, error.cause.type ?? 'LEDGER_REFUSED');
    }
    throw error;
  }
}

/**
 * The services the EOI workflow calls, faked and recording every call, except the ledger: places are asked
 * of and arrivals counted on the real ledger workflow, through its Updates, as the worker's activities do.
 * Tests set `registerMatches` to make E4's check find a person in a register.
 */
export class FakeEoiServices {
  client: Client | undefined;
  readonly presenceRequests: RequestPresenceInput[] = [];
  readonly appointments: BookAppointmentInput[] = [];
  readonly securityRequests: RequestSecurityChecksInput[] = [];
  readonly travel: BookTravelInput[] = [];
  readonly admissions: RecordAdmissionInput[] = [];
  /** Weekly reports the ledgers published (Q3). */
  readonly reports: WeeklyReportPublishedData[] = [];
  readonly registerMatches = new Map<string, Pick<CheckRegistersResult, 'returned' | 'irregularEntry'>>();
  /** While set, requests for security checks are taken but not answered: the answer waits for this to resolve. */
  private securityAnswersHeld: Promise<void> | undefined;

  /** Holds back the answers to requests for security checks until the returned function is called. */
  holdSecurityAnswers(): () => void {
    let release = () => {};
    this.securityAnswersHeld = new Promise<void>((resolve) => {
      release = () => {
        this.securityAnswersHeld = undefined;
        resolve();
      };
    });
    return release;
  }

  private ledger(pilotId: string) {
    if (!this.client) throw new Error('FakeEoiServices needs the test client before the first activity');
    return this.client.workflow.getHandle(ledgerWorkflowId(pilotId));
  }

  /** The activity implementations, bound to this fake: the EOI case's and the ledger's, which share the test worker. */
  activities(): EoiActivities & LedgerActivities {
    return {
      publishWeeklyReport: async (report) => {
        this.reports.push(report);
      },
      requestPresenceConfirmation: async (input) => {
        this.presenceRequests.push(input);
        const askedAt = serverNow();
        return { askedAt: askedAt.toISOString(), confirmBy: new Date(askedAt.getTime() + input.confirmWithinMs).toISOString() };
      },
      requestPlaces: ({ pilotId, request }) => onLedger(() => this.ledger(pilotId).executeUpdate(requestPlacesUpdate, { args: [request], updateId: request.commandId })),
      bookBiometricsAppointment: async (input) => {
        this.appointments.push(input);
        return { appointmentReference: `vac_${input.eoiId.slice(4)}`, centre: 'Paris', at: new Date(serverNow().getTime() + 3 * DAY_MS).toISOString() };
      },
      checkRegisters: async (input) => ({ returned: false, irregularEntry: false, ...this.registerMatches.get(input.enrolmentReference), checkedAt: serverNow().toISOString() }),
      requestSecurityChecks: async (input) => {
        this.securityRequests.push(input);
        await this.securityAnswersHeld;
        return { checkReference: `sec_${input.eoiId.slice(4)}`, requestedAt: serverNow().toISOString() };
      },
      bookTravel: async (input) => {
        this.travel.push(input);
        return { travelReference: `trv_${input.eoiId.slice(4)}`, departsAt: new Date(new Date(input.notBefore).getTime() + DAY_MS).toISOString(), arrivalPort: 'London St Pancras' };
      },
      recordAdmission: async (input) => {
        this.admissions.push(input);
        await onLedger(() =>
          this.ledger(input.pilotId).executeUpdate(admissionRecordedUpdate, {
            args: [{ commandId: input.commandId, eoiId: input.eoiId, personId: input.personId, arrivedAt: input.arrivedAt }],
            updateId: input.commandId,
          }),
        );
      },
    };
  }
}
