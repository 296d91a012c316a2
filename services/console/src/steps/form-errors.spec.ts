import { formErrorsFrom } from './form-errors';
import { stepFormOf } from './step-forms';

const proposal = stepFormOf('readmission', 'inadmissibility-proposal')!;
const review = stepFormOf('readmission', 'inadmissibility-review')!;

describe('problem documents as form errors', () => {
  it('puts each field error on its field, worded for an empty field as the form words it, and links the summary to it', () => {
    const problem = {
      status: 400,
      code: 'INVALID_INPUT',
      detail: 'the body is not valid',
      errors: [
        { field: 'decision', message: 'Invalid option: expected one of "inadmissible"|"admissible"' },
        { field: 'reasons', message: 'Too small: expected string to have >=1 characters' },
      ],
    };
    expect(formErrorsFrom(problem, proposal, { decision: '', reasons: '  ' })).toEqual({
      summary: [
        { text: 'Select the proposed decision', href: '#decision' },
        { text: 'Enter the reasons', href: '#reasons' },
      ],
      byField: { decision: 'Select the proposed decision', reasons: 'Enter the reasons' },
    });
  });

  it('names the field and the API\'s reason when a field was filled in but refused, once per field', () => {
    const problem = { status: 400, code: 'INVALID_INPUT', detail: 'x', errors: [{ field: 'evidence.3', message: 'Too big: expected string to have <=128 characters' }, { field: 'evidence.4', message: 'again' }] };
    expect(formErrorsFrom(problem, proposal, { evidence: 'doc:1' }).byField).toEqual({ evidence: 'Evidence references: Too big: expected string to have <=128 characters' });
  });

  it('S1 explains a refusal of the whole step in the summary, with no field', () => {
    const problem = { status: 409, code: 'SAME_PERSON_APPROVAL', detail: 'S1: the proposer cannot approve' };
    expect(formErrorsFrom(problem, review, { approve: 'yes', reason: 'fine' })).toEqual({
      summary: [{ text: 'You proposed this, so a different person must approve it (four eyes, S1)' }],
      byField: {},
    });
  });

  it('falls back on the API\'s own detail for a refusal it has no wording for', () => {
    const problem = { status: 409, code: 'SOMETHING_NEW', detail: 'the ledger refused it' };
    expect(formErrorsFrom(problem, review, {}).summary).toEqual([{ text: 'the ledger refused it' }]);
  });
});
