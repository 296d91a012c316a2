import { EXEMPTION_REASONS } from '@oioo/contracts';
import { ExemptionTally, WITHHELD, applyExemptions, exemptionsOf } from './exemptions';

const SUBJECT = 'per_01J9ZQ4X7K3M2N8P6SUBJECT';
const PARTNER = 'per_01J9ZQ4X7K3M2N8P6PARTNER';
const OFFICER = 'cw_01ALICE0000000000000';

describe('the exemptions of a subject-access export', () => {
  it('S3: withholds staff ids wherever they are, in fields and in free text', () => {
    const tally = new ExemptionTally();
    const out = applyExemptions({ actor: OFFICER, timeline: [{ what: 'approved', by: OFFICER, why: `proposed by ${OFFICER}, checked` }] }, SUBJECT, tally);

    expect(out).toEqual({ actor: WITHHELD.staff, timeline: [{ what: 'approved', by: WITHHELD.staff, why: `proposed by ${WITHHELD.staff}, checked` }] });
    expect(tally.counts.get('staff')).toBe(3);
  });

  it('S3: keeps the subject\'s own facts and withholds a family member\'s whole, and their id in free text', () => {
    const tally = new ExemptionTally();
    const submission = {
      eoiId: 'eoi_01J9ZQ4X7K3M2N8P6R5T',
      applicants: [
        { personId: SUBJECT, role: 'main', adult: true },
        { personId: PARTNER, role: 'partner', adult: true },
      ],
      note: `E2: ${PARTNER} confirmed, ${SUBJECT} confirmed`,
    };

    expect(applyExemptions(submission, SUBJECT, tally)).toEqual({
      eoiId: 'eoi_01J9ZQ4X7K3M2N8P6R5T',
      applicants: [{ personId: SUBJECT, role: 'main', adult: true }, WITHHELD.otherPerson],
      note: `E2: ${WITHHELD.otherPerson} confirmed, ${SUBJECT} confirmed`,
    });
    expect(tally.counts.get('otherPerson')).toBe(2);
  });

  it('S3: withholds a security or criminality ground (field and the workflow\'s wording) but not a suitability one or France\'s', () => {
    const tally = new ExemptionTally();
    const out = applyExemptions(
      [
        { personId: SUBJECT, outcome: 'refuse', ground: 'criminality' },
        { what: 'security-checked', why: `E7: ${SUBJECT} refused on security grounds` },
        { why: `E7: ${SUBJECT} was refused at the security and suitability checks (criminality)` },
        { outcome: 'refuse', ground: 'suitability' },
        { kind: 'refused', ground: 'not-in-scope' },
      ],
      SUBJECT,
      tally,
    );

    expect(out).toEqual([
      { personId: SUBJECT, outcome: 'refuse', ground: WITHHELD.crimePrevention },
      { what: 'security-checked', why: `E7: ${SUBJECT} refused on ${WITHHELD.crimePrevention} grounds` },
      { why: `E7: ${SUBJECT} was refused at the security and suitability checks (${WITHHELD.crimePrevention})` },
      { outcome: 'refuse', ground: 'suitability' },
      { kind: 'refused', ground: 'not-in-scope' },
    ]);
    expect(exemptionsOf(tally, 'the case histories')).toEqual([{ what: 'security and criminality grounds in the case histories', reason: EXEMPTION_REASONS.crimePrevention, count: 3 }]);
  });

  it('leaves a value with nothing to withhold as it was, and records no exemption', () => {
    const tally = new ExemptionTally();
    const value = { caseId: 'case_01J9ZQ4X7K3M2N8P6R5T', personId: SUBJECT, arrivedAt: '2025-09-01T10:00:00Z', count: 2, flags: [true, null] };

    expect(applyExemptions(value, SUBJECT, tally)).toEqual(value);
    expect(exemptionsOf(tally, 'identity\'s records')).toEqual([]);
  });
});
