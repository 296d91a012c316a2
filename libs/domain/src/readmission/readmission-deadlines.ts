import { addDays } from '../time';

/** R3: the readmission request must reach France within 14 calendar days of arrival (treaty, not policy). */
export const REQUEST_DEADLINE_DAYS = 14;

/** R3: the last instant at which the readmission request may reach France. */
export function requestDeadline(arrivedAt: Date): Date {
  return addDays(arrivedAt, REQUEST_DEADLINE_DAYS);
}
