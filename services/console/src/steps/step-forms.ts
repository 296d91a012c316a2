/** Roles the console knows, as the provider's tokens name them. */
export type ConsoleRole = 'caseworker' | 'senior-caseworker' | 'liaison-officer' | 'ledger-officer' | 'sre' | 'auditor';

/** What a step is taken on. */
export type StepTarget = 'readmission' | 'eoi' | 'ledger';

/** One field of a step's form. `lines` is a textarea whose lines become a list; `yes-no` becomes a boolean. */
export interface FormField {
  name: string;
  label: string;
  hint?: string;
  type: 'radios' | 'yes-no' | 'text' | 'textarea' | 'lines';
  options?: readonly { value: string; text: string }[];
  /** What the error says when the field is left empty. */
  whenEmpty: string;
}

/** A human step as a form: its route under the casework API, who may take it, and whether it is irreversible. */
export interface StepForm {
  target: StepTarget;
  /** The step's path segment, the same as the casework API's route. */
  step: string;
  title: string;
  /** What the confirmation says was done. */
  done: string;
  roles: readonly ConsoleRole[];
  fields: readonly FormField[];
  /** Irreversible decisions go through "check your answers" first. */
  irreversible: boolean;
  /** The timeline entries that record the proposal a review approves (S1): the approver sees the latest, and its proposer cannot approve it. */
  reviews?: readonly string[];
}

const CASEWORKERS: readonly ConsoleRole[] = ['caseworker', 'senior-caseworker'];
const SENIOR: readonly ConsoleRole[] = ['senior-caseworker'];

const reasons = (label = 'Reasons'): FormField => ({ name: 'reasons', label, type: 'textarea', whenEmpty: `Enter the ${label.toLowerCase()}` });
const reason = (label = 'Reason'): FormField => ({ name: 'reason', label, type: 'textarea', whenEmpty: `Enter the ${label.toLowerCase()}` });
const evidence: FormField = {
  name: 'evidence',
  label: 'Evidence references (optional)',
  hint: 'One reference per line, such as doc:interview-2026-03-01. Attach nothing: the documents stay where they are held.',
  type: 'lines',
  whenEmpty: '',
};
const approval = (proposal: string): FormField => ({
  name: 'approve',
  label: `Do you approve the ${proposal}?`,
  type: 'yes-no',
  whenEmpty: `Select yes to approve the ${proposal}, or no to send it back`,
});

/** Every human step the console offers, readmission, EOI and ledger. */
export const STEP_FORMS: readonly StepForm[] = [
  {
    target: 'readmission',
    step: 'screening',
    title: 'Record the screening',
    done: 'Screening recorded',
    roles: CASEWORKERS,
    irreversible: false,
    fields: [
      {
        name: 'age',
        label: 'Age',
        type: 'radios',
        options: [
          { value: 'adult', text: 'Adult' },
          { value: 'accompanied-minor', text: 'Accompanied child' },
          { value: 'unaccompanied-minor', text: 'Unaccompanied child' },
          { value: 'disputed', text: 'Age disputed: an age assessment is needed (R2)' },
        ],
        whenEmpty: 'Select the age found at screening',
      },
      { name: 'vulnerabilities', label: 'Vulnerabilities (optional)', hint: 'One per line.', type: 'lines', whenEmpty: '' },
    ],
  },
  {
    target: 'readmission',
    step: 'age-assessment',
    title: 'Record the age assessment',
    done: 'Age assessment recorded',
    roles: CASEWORKERS,
    irreversible: false,
    fields: [
      {
        name: 'outcome',
        label: 'Outcome of the assessment',
        type: 'radios',
        options: [
          { value: 'adult', text: 'Adult' },
          { value: 'accompanied-minor', text: 'Accompanied child' },
          { value: 'unaccompanied-minor', text: 'Unaccompanied child' },
        ],
        whenEmpty: 'Select the outcome of the age assessment',
      },
      { name: 'assessmentReference', label: 'Assessment reference', type: 'text', whenEmpty: 'Enter the assessment reference' },
    ],
  },
  {
    target: 'readmission',
    step: 'selection',
    title: 'Decide selection for the pilot',
    done: 'Selection decided',
    roles: CASEWORKERS,
    irreversible: false,
    fields: [
      { name: 'selected', label: 'Is the case selected for the pilot?', type: 'yes-no', whenEmpty: 'Select yes if the case is selected for the pilot' },
      reason(),
    ],
  },
  {
    target: 'readmission',
    step: 'detention',
    title: 'Record detention',
    done: 'Detention recorded',
    roles: CASEWORKERS,
    irreversible: false,
    fields: [{ name: 'facility', label: 'Detention facility', type: 'text', whenEmpty: 'Enter the detention facility' }],
  },
  {
    target: 'readmission',
    step: 'inadmissibility-proposal',
    title: 'Propose the inadmissibility decision',
    done: 'Decision proposed: a second person approves it',
    roles: CASEWORKERS,
    irreversible: false,
    fields: [
      {
        name: 'decision',
        label: 'Proposed decision on the asylum claim',
        type: 'radios',
        options: [
          { value: 'inadmissible', text: 'Inadmissible: the person can be readmitted to France' },
          { value: 'admissible', text: 'Admissible: the claim goes to the domestic process' },
        ],
        whenEmpty: 'Select the proposed decision',
      },
      reasons(),
      evidence,
    ],
  },
  {
    target: 'readmission',
    step: 'inadmissibility-review',
    title: 'Approve the inadmissibility decision',
    done: 'Review recorded',
    roles: SENIOR,
    irreversible: true,
    reviews: ['state:inadmissibility-approval'],
    fields: [approval('proposed decision'), reason('Reason for your decision')],
  },
  {
    target: 'readmission',
    step: 'corrected-request',
    title: 'Send France a corrected request',
    done: 'Corrected request sent',
    roles: ['liaison-officer'],
    irreversible: true,
    fields: [{ name: 'corrections', label: 'What the corrected request changes', type: 'textarea', whenEmpty: 'Enter what the corrected request changes' }],
  },
  {
    target: 'readmission',
    step: 'removal-directions-proposal',
    title: 'Propose removal directions',
    done: 'Removal directions proposed: a second person approves them',
    roles: CASEWORKERS,
    irreversible: false,
    fields: [reasons()],
  },
  {
    target: 'readmission',
    step: 'removal-directions-review',
    title: 'Approve removal directions',
    done: 'Review recorded',
    roles: SENIOR,
    irreversible: true,
    reviews: ['state:removal-directions-approval'],
    fields: [approval('removal directions'), reason('Reason for your decision')],
  },
  {
    target: 'eoi',
    step: 'decision-proposal',
    title: 'Propose the decision on the expression of interest',
    done: 'Decision proposed: a second person approves it',
    roles: CASEWORKERS,
    irreversible: false,
    fields: [
      {
        name: 'decision',
        label: 'Proposed decision',
        type: 'radios',
        options: [
          { value: 'grant', text: 'Grant: the family may travel to the UK' },
          { value: 'refuse', text: 'Refuse' },
        ],
        whenEmpty: 'Select the proposed decision',
      },
      reasons(),
      evidence,
    ],
  },
  {
    target: 'eoi',
    step: 'decision-review',
    title: 'Approve the decision on the expression of interest',
    done: 'Review recorded',
    roles: SENIOR,
    irreversible: true,
    reviews: ['grant-proposed', 'refuse-proposed'],
    fields: [approval('proposed decision'), reason('Reason for your decision')],
  },
  {
    target: 'eoi',
    step: 'withdrawal',
    title: 'Withdraw the expression of interest',
    done: 'Expression of interest withdrawn',
    roles: CASEWORKERS,
    irreversible: true,
    fields: [reason()],
  },
  {
    target: 'eoi',
    step: 'grant-revocation',
    title: 'Revoke the grant',
    done: 'Grant revoked',
    roles: SENIOR,
    irreversible: true,
    fields: [reason()],
  },
  { target: 'ledger', step: 'intake-pause', title: 'Pause intake', done: 'Intake paused', roles: ['ledger-officer'], irreversible: false, fields: [reason()] },
  { target: 'ledger', step: 'intake-resume', title: 'Resume intake', done: 'Intake resumed', roles: ['ledger-officer'], irreversible: false, fields: [reason()] },
  {
    target: 'ledger',
    step: 'notice-of-termination',
    title: 'Record notice of termination',
    done: 'Notice of termination recorded',
    roles: ['ledger-officer'],
    irreversible: true,
    fields: [reason('Reason, as given in the notice')],
  },
];

/** The form of a step, if the console offers it. */
export function stepFormOf(target: StepTarget, step: string): StepForm | undefined {
  return STEP_FORMS.find((form) => form.target === target && form.step === step);
}

/** The casework API route of a step on a case (or on the ledger). */
export function stepApiPath(form: StepForm, id: string | undefined): string {
  if (form.target === 'ledger') return `/api/v1/ledger/${form.step}`;
  const collection = form.target === 'readmission' ? 'readmission-cases' : 'eoi-cases';
  return `/api/v1/${collection}/${encodeURIComponent(id ?? '')}/${form.step}`;
}
