import { Context } from '@temporalio/activity';
import type { PendingMatter } from '@oioo/domain';
import type {
  BookMovementInput,
  CancelBookingInput,
  ReadmissionActivities,
  RegisterReturnInput,
  SendReadmissionRequestInput,
} from '../readmission.activities';

/** The server's clock as the activity sees it: under time skipping, wall-clock time would lag behind. */
function serverNow(): Date {
  return new Date(Context.current().info.currentAttemptScheduledTimestampMs);
}

/**
 * Typed fakes of the services the readmission workflow calls, recording every call by case. Tests set
 * `pendingMatters` to make R5's last-moment check find an open matter.
 */
export class FakeReadmissionServices {
  readonly requests: SendReadmissionRequestInput[] = [];
  readonly bookings: BookMovementInput[] = [];
  readonly cancellations: CancelBookingInput[] = [];
  readonly returns: RegisterReturnInput[] = [];
  readonly pendingMatters = new Map<string, PendingMatter[]>();

  /** The activity implementations, bound to this fake. */
  activities(): ReadmissionActivities {
    return {
      sendReadmissionRequest: async (input) => {
        this.requests.push(input);
        return { requestReference: `req-${input.caseId}-${input.requestNumber}`, sentAt: serverNow().toISOString() };
      },
      bookMovement: async (input) => {
        this.bookings.push(input);
        // The first movement a day after the notice ends, as a weekly schedule might offer.
        const departsAt = new Date(new Date(input.notBefore).getTime() + 24 * 60 * 60 * 1000);
        return { movementId: `mov_${input.caseId.slice(5, 21)}B${input.bookingNumber}`, departsAt: departsAt.toISOString() };
      },
      cancelBooking: async (input) => {
        this.cancellations.push(input);
      },
      checkTransferBars: async (input) => ({ pending: this.pendingMatters.get(input.caseId) ?? [], checkedAt: serverNow().toISOString() }),
      registerReturn: async (input) => {
        this.returns.push(input);
      },
    };
  }

  /** Calls made for one case. */
  callsFor(caseId: string) {
    const mine = <T extends { caseId: string }>(calls: T[]) => calls.filter((call) => call.caseId === caseId);
    return { requests: mine(this.requests), bookings: mine(this.bookings), cancellations: mine(this.cancellations), returns: mine(this.returns) };
  }
}
