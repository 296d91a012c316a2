import { randomUUID } from 'node:crypto';
import { answerText, apiBodyOf, parseStepPost } from './step-form-values';
import { stepFormOf } from './step-forms';

const screening = stepFormOf('readmission', 'screening')!;
const review = stepFormOf('readmission', 'inadmissibility-review')!;
const proposal = stepFormOf('readmission', 'inadmissibility-proposal')!;

describe('step forms', () => {
  it('parses a post of the form\'s own fields with its hidden fields', () => {
    const key = randomUUID();
    expect(parseStepPost(screening, { age: 'adult', vulnerabilities: '', _csrf: 't', idempotencyKey: key, action: 'submit' })).toEqual({
      values: { age: 'adult', vulnerabilities: '' },
      idempotencyKey: key,
      action: 'submit',
    });
  });

  it.each([
    ['a field the form does not have (a self-declared actor)', { actor: 'cw_someone' }],
    ['no idempotency key', { idempotencyKey: undefined }],
    ['an unknown button', { action: 'approve' }],
    ['a field that is not text', { age: ['adult'] }],
  ])('refuses a post with %s', (_, change) => {
    const post = { age: 'adult', _csrf: 't', idempotencyKey: randomUUID(), action: 'submit', ...change };
    expect(parseStepPost(screening, post)).toBeUndefined();
  });

  it('turns lines into a list, yes or no into a boolean, and leaves unchosen options out for the API to name', () => {
    expect(apiBodyOf(screening, { age: 'disputed', vulnerabilities: ' pregnant \r\n\r\nvictim of trafficking\n' })).toEqual({ age: 'disputed', vulnerabilities: ['pregnant', 'victim of trafficking'] });
    expect(apiBodyOf(screening, { age: '', vulnerabilities: '' })).toEqual({ vulnerabilities: [] });
    expect(apiBodyOf(review, { approve: 'yes', reason: ' agreed ' })).toEqual({ approve: true, reason: 'agreed' });
    expect(apiBodyOf(review, { approve: 'no', reason: 'needs the interview record' })).toEqual({ approve: false, reason: 'needs the interview record' });
    expect(apiBodyOf(review, { reason: '' })).toEqual({ reason: '' });
  });

  it('reads answers back as the options say them', () => {
    expect(answerText(proposal, 'decision', 'inadmissible')).toBe('Inadmissible: the person can be readmitted to France');
    expect(answerText(review, 'approve', 'yes')).toBe('Yes');
    expect(answerText(review, 'reason', '  agreed ')).toBe('agreed');
  });
});
