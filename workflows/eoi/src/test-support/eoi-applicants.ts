import type { EoiApplicantFacts } from '@oioo/domain';

let sequence = 0;

/** A fresh opaque id of a kind, so tests never collide on a shared server. */
export function nextId(prefix: 'eoi' | 'per' | 'pilot'): string {
  sequence += 1;
  return `${prefix}_E${Date.now().toString(36).toUpperCase()}${String(sequence).padStart(6, '0')}`;
}

/** An eligible adult applicant (E3), born in 1990, Sudanese, with a passport that shows nationality. */
export function adultApplicant(overrides: Partial<EoiApplicantFacts> = {}): EoiApplicantFacts {
  return {
    personId: nextId('per'),
    role: 'main',
    dateOfBirth: '1990-03-14',
    nationalities: ['SDN'],
    document: { kind: 'passport', issuingCountry: 'SDN', nationalityShown: 'SDN', expiresOn: '2023-01-01' },
    eeaFamilyMember: false,
    protectionElsewhere: false,
    frenchResidencePermission: false,
    ukLinkWithin5Years: false,
    ...overrides,
  };
}

/** E5: a family of a main applicant, a partner and a child of 8. */
export function familyOfThree(): EoiApplicantFacts[] {
  return [
    adultApplicant(),
    adultApplicant({ role: 'partner', dateOfBirth: '1992-07-01' }),
    adultApplicant({ role: 'child', dateOfBirth: '2018-05-20', document: { kind: 'travel-document', issuingCountry: 'SDN', nationalityShown: 'SDN', expiresOn: '2030-01-01' } }),
  ];
}
