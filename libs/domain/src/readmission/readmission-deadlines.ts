import { addDays, addHours, addMonths } from '../time';
import { type ReadmissionPolicy } from './readmission-policy';

/** R3: the readmission request must reach France within 14 calendar days of arrival (treaty, not policy). */
export const REQUEST_DEADLINE_DAYS = 14;

/** R3: the last instant at which the readmission request may reach France. */
export function requestDeadline(arrivedAt: Date, compression = 1): Date {
  return addDays(arrivedAt, REQUEST_DEADLINE_DAYS, compression);
}

/** R4: when France's reply is due, counted from when the request reached France. */
export function replyDeadline(requestSentAt: Date, policy: ReadmissionPolicy, extended: boolean): Date {
  return addDays(requestSentAt, extended ? policy.extendedReplyDays : policy.replyDays, policy.timeCompression);
}

/** R6: the three-month target from arrival to transfer. */
export function transferTarget(arrivedAt: Date, policy: ReadmissionPolicy): Date {
  return addMonths(arrivedAt, policy.targetMonths, policy.timeCompression);
}

/** R8: the earliest transfer allowed after removal directions were served. */
export function earliestTransfer(directionsServedAt: Date, policy: ReadmissionPolicy): Date {
  return addDays(directionsServedAt, policy.noticeDays, policy.timeCompression);
}

/** R5: when bars to transfer are checked again before a movement departs. */
export function preTransferCheckAt(departsAt: Date, policy: ReadmissionPolicy): Date {
  return addHours(departsAt, -policy.preTransferCheckHours, policy.timeCompression);
}

/** R9: the default of `handoverConfirmationHours`, for cases opened before the policy had it. */
const DEFAULT_HANDOVER_CONFIRMATION_HOURS = 24;

/** R9: when France's handover confirmation is overdue, counted from the movement's departure. */
export function handoverConfirmationDue(departsAt: Date, policy: ReadmissionPolicy): Date {
  return addHours(departsAt, policy.handoverConfirmationHours ?? DEFAULT_HANDOVER_CONFIRMATION_HOURS, policy.timeCompression);
}
