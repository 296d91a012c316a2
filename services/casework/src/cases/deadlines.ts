import type { z } from 'zod';
import type { deadlineSchema } from '@oioo/contracts';

/** A deadline as the API shows it. */
export type DeadlineView = z.infer<typeof deadlineSchema>;

/** Within this long a deadline is `near`: a day, the span a caseworker plans in. */
const NEAR_MS = 24 * 60 * 60 * 1000;

/** A deadline with the time left on it at `now`. */
export function deadlineView(rule: string, at: string, now: Date): DeadlineView {
  const left = Date.parse(at) - now.getTime();
  return { rule, at, timeLeftSeconds: Math.round(left / 1000), status: left < 0 ? 'overdue' : left <= NEAR_MS ? 'near' : 'ok' };
}

/** The human step each waiting state calls for, named as the route that takes it. */
export const WAITING_STEPS: Readonly<Record<'readmission' | 'eoi', Readonly<Record<string, string>>>> = {
  readmission: {
    screening: 'screening',
    'age-assessment': 'age-assessment',
    'awaiting-selection': 'selection',
    'awaiting-detention': 'detention',
    'inadmissibility-review': 'inadmissibility-proposal',
    'inadmissibility-approval': 'inadmissibility-review',
    'refused-correctable': 'corrected-request',
    'removal-directions': 'removal-directions-proposal',
    'removal-directions-approval': 'removal-directions-review',
  },
  eoi: {
    decision: 'decision-proposal',
    'decision-approval': 'decision-review',
  },
};

/** The step a case in `state` waits for, if it waits for a person. */
export function waitingStepOf(kind: 'readmission' | 'eoi', state: string): string | undefined {
  return WAITING_STEPS[kind][state];
}
