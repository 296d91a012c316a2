import { type ApiProblem } from '../casework/casework-errors';
import { type StepForm } from './step-forms';

/** The GOV.UK error summary's items and each field's inline message. */
export interface FormErrors {
  summary: { text: string; href?: string }[];
  byField: Record<string, string>;
}

/** What people read for the workflow's refusals that concern the case, not a field. */
const REFUSAL_MESSAGES: Readonly<Record<string, string>> = {
  SAME_PERSON_APPROVAL: 'You proposed this, so a different person must approve it (four eyes, S1)',
  INVALID_STATE: 'The case has moved on since this page was loaded: it no longer waits for this step',
  ON_HOLD: 'The case is on hold because of a legal challenge: no step can be taken until it is released',
  CASE_CLOSED: 'The case has ended: no step can be taken on it',
  IDEMPOTENCY_KEY_REUSED: 'This form was already sent with other answers; start the step again',
  ALREADY_PAUSED: 'Intake is already paused',
  NOT_PAUSED: 'Intake is not paused',
  NOTICE_ALREADY_GIVEN: 'Notice of termination has already been recorded',
  CORRECTION_TOO_LATE: 'The 14 days for a request to France have passed (R3): a corrected request can no longer be sent',
};

/**
 * Maps the API's problem document onto the form: each field error to its field (the first segment of
 * the API's path, so `evidence.2` lands on `evidence`) with the field's own wording when it was left
 * empty, and a refusal of the whole step to the summary alone.
 */
export function formErrorsFrom(problem: ApiProblem, form: StepForm, values: Record<string, string>): FormErrors {
  const byField: Record<string, string> = {};
  const summary: FormErrors['summary'] = [];
  for (const error of problem.errors ?? []) {
    const name = error.field.split('.')[0] ?? error.field;
    const field = form.fields.find((candidate) => candidate.name === name);
    if (!field || byField[name]) continue;
    const empty = (values[name]?.trim() ?? '') === '';
    byField[name] = empty && field.whenEmpty ? field.whenEmpty : `${field.label.replace(/ \(optional\)$/, '')}: ${error.message}`;
    summary.push({ text: byField[name], href: `#${name}` });
  }
  if (summary.length === 0) summary.push({ text: REFUSAL_MESSAGES[problem.code] ?? problem.detail });
  return { summary, byField };
}
