import { adultsOf, ageOn, eligibilityFailures, type EoiApplicantFacts } from './eoi-eligibility';
import { DEFAULT_EOI_POLICY, eoiPolicyOf, windowOpenAt } from './eoi-policy';

function applicant(overrides: Partial<EoiApplicantFacts> = {}): EoiApplicantFacts {
  return {
    personId: 'per_MAIN000000001',
    role: 'main',
    dateOfBirth: '1990-06-15',
    nationalities: ['ERI'],
    document: { kind: 'passport', issuingCountry: 'ERI', nationalityShown: 'ERI', expiresOn: '2020-01-01' },
    eeaFamilyMember: false,
    protectionElsewhere: false,
    frenchResidencePermission: false,
    ukLinkWithin5Years: false,
    ...overrides,
  };
}

const SUBMITTED = new Date('2026-03-01T10:00:00Z');

describe('legal-route rules', () => {
  it('E1 an EOI is valid only inside an open window: opening inclusive, closing exclusive', () => {
    const policy = eoiPolicyOf({ windows: [{ opensAt: '2026-03-01T00:00:00.000Z', closesAt: '2026-03-08T00:00:00.000Z' }] });
    expect(windowOpenAt(policy, new Date('2026-03-01T00:00:00Z'))).toBeDefined();
    expect(windowOpenAt(policy, new Date('2026-03-07T23:59:59Z'))).toBeDefined();
    expect(windowOpenAt(policy, new Date('2026-03-08T00:00:00Z'))).toBeUndefined();
    expect(windowOpenAt(policy, new Date('2026-02-28T23:59:59Z'))).toBeUndefined();
    expect(windowOpenAt(DEFAULT_EOI_POLICY, SUBMITTED)).toBeDefined();
  });

  it('E2 E3 age counts whole years on the submission date; an eighteenth birthday that day makes an adult', () => {
    expect(ageOn('2008-03-01', SUBMITTED)).toBe(18);
    expect(ageOn('2008-03-02', SUBMITTED)).toBe(17);
    expect(ageOn('2008-02-29', new Date('2026-02-28T12:00:00Z'))).toBe(17);
    const child = applicant({ personId: 'per_CHILD00000001', role: 'child', dateOfBirth: '2015-01-01' });
    expect(adultsOf([applicant(), child], SUBMITTED, 18)).toEqual(['per_MAIN000000001']);
  });

  it('E3 an eligible applicant, and a family with a child and an adult main applicant, pass; an expired document is accepted', () => {
    expect(eligibilityFailures([applicant()], SUBMITTED, 18)).toEqual([]);
    expect(eligibilityFailures([applicant(), applicant({ personId: 'per_CHILD00000001', role: 'child', dateOfBirth: '2015-01-01' })], SUBMITTED, 18)).toEqual([]);
  });

  it('E3 E5 each failure names the person and the rule; one person failing fails the family', () => {
    const partner = applicant({ personId: 'per_PARTNER000001', role: 'partner', nationalities: ['NOR'], frenchResidencePermission: true });
    expect(eligibilityFailures([applicant(), partner], SUBMITTED, 18)).toEqual([
      { personId: 'per_PARTNER000001', reason: 'E3: an EEA national is not eligible' },
      { personId: 'per_PARTNER000001', reason: 'E3: permission to reside in France bars the route' },
    ]);
    expect(eligibilityFailures([applicant({ dateOfBirth: '2010-01-01' })], SUBMITTED, 18)[0]?.reason).toMatch(/main applicant must be aged 18/);
    expect(eligibilityFailures([applicant({ role: 'partner' })], SUBMITTED, 18)[0]?.reason).toMatch(/^E5: /);
  });
});
