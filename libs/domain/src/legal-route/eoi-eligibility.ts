import { EEA_NATIONALITIES } from './eea-states';

/** E5: how a person stands in the EOI. */
export type ApplicantRole = 'main' | 'partner' | 'adult-dependant' | 'child';

/** An applicant as the EOI case keeps them: what E2, E3, E5 and E6 need, without names or document numbers (S3). */
export interface EoiApplicantFacts {
  personId: string;
  role: ApplicantRole;
  /** `YYYY-MM-DD`. */
  dateOfBirth: string;
  nationalities: string[];
  document: { kind: string; issuingCountry: string; nationalityShown: string | null; expiresOn: string };
  eeaFamilyMember: boolean;
  protectionElsewhere: boolean;
  frenchResidencePermission: boolean;
  ukLinkWithin5Years: boolean;
}

/** One reason E3 refuses, naming the person by opaque id only. */
export interface EligibilityFailure {
  personId: string;
  reason: string;
}

/** Age in whole years on `on` of someone born on `dateOfBirth` (`YYYY-MM-DD`). */
export function ageOn(dateOfBirth: string, on: Date): number {
  const [year, month, day] = dateOfBirth.split('-').map(Number) as [number, number, number];
  let age = on.getUTCFullYear() - year;
  const beforeBirthday = on.getUTCMonth() + 1 < month || (on.getUTCMonth() + 1 === month && on.getUTCDate() < day);
  if (beforeBirthday) age -= 1;
  return age;
}

/** E2: the people who must confirm their presence in France: every adult in the EOI. */
export function adultsOf(applicants: EoiApplicantFacts[], on: Date, adultAge: number): string[] {
  return applicants.filter((person) => ageOn(person.dateOfBirth, on) >= adultAge).map((person) => person.personId);
}

/**
 * E3, E5: why the EOI is not eligible, one entry per failure; empty when it is. A family is decided
 * together (E5), so one person's failure makes the whole EOI ineligible. Checked on the date of submission.
 */
export function eligibilityFailures(applicants: EoiApplicantFacts[], submittedAt: Date, adultAge: number): EligibilityFailure[] {
  const failures: EligibilityFailure[] = [];
  const fail = (personId: string, reason: string) => failures.push({ personId, reason: `E3: ${reason}` });
  const main = applicants.find((person) => person.role === 'main');
  const adults = new Set(adultsOf(applicants, submittedAt, adultAge));
  if (!main) failures.push({ personId: applicants[0]?.personId ?? 'unknown', reason: 'E5: an EOI has exactly one main applicant' });
  else if (!adults.has(main.personId)) fail(main.personId, `the main applicant must be aged ${adultAge} or over`);
  for (const person of applicants) {
    const adult = adults.has(person.personId);
    if (!adult && (person.role !== 'child' || !main || !adults.has(main.personId))) {
      fail(person.personId, `a person under ${adultAge} may apply only as a child in a family whose main applicant is aged ${adultAge} or over`);
    }
    if (person.nationalities.some((code) => EEA_NATIONALITIES.has(code))) fail(person.personId, 'an EEA national is not eligible');
    if (person.eeaFamilyMember) fail(person.personId, 'a family member of an EEA national is not eligible');
    // An expired document is accepted: only what it shows counts.
    if (person.document.nationalityShown === null) fail(person.personId, 'the identity document must show nationality');
    if (person.protectionElsewhere) fail(person.personId, 'protection or statelessness status in another country bars the route');
    if (person.frenchResidencePermission) fail(person.personId, 'permission to reside in France bars the route');
  }
  return failures;
}
