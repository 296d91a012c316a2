import { type EoiPolicy } from '@oioo/domain';
import { type EoiApplicantFacts, type EoiCaseInput, type EoiSubmittedSignalInput } from '@oioo/workflows-eoi';
import { type IdentityConfig } from '../config/identity-config';
import { type StoredEoiSubmission } from './eoi-submissions.repository';

/**
 * The policy overrides a new EOI case takes from identity's configuration: only what is configured,
 * so everything else keeps the defaults in `@oioo/domain` (and the case copies them when it opens).
 */
export function eoiCasePolicyOf(config: Pick<IdentityConfig, 'legalRouteTimeCompression' | 'eoiWindows'>): Partial<EoiPolicy> {
  return {
    ...(config.legalRouteTimeCompression === 1 ? {} : { timeCompression: config.legalRouteTimeCompression }),
    ...(config.eoiWindows === undefined ? {} : { windows: config.eoiWindows.map((window) => ({ ...window })) }),
  };
}

/** The workflow input of a new EOI case: opaque ids and, when configured, the policy overrides. */
export function eoiCaseInputOf(eoiId: string, config: Pick<IdentityConfig, 'pilotId' | 'legalRouteTimeCompression' | 'eoiWindows'>): EoiCaseInput {
  const policy = eoiCasePolicyOf(config);
  return { eoiId, pilotId: config.pilotId, ...(Object.keys(policy).length === 0 ? {} : { policy }) };
}

/**
 * The submission as the EOI case receives it (S3): the eligibility facts field by field, so names and
 * document numbers cannot slip into the workflow's history, whatever the portal adds to its events.
 */
export function eoiSubmittedSignalOf(submission: StoredEoiSubmission): EoiSubmittedSignalInput {
  return {
    eventId: submission.eventId,
    eoiId: submission.eoiId,
    ...(submission.familyReference === undefined ? {} : { familyReference: submission.familyReference }),
    submittedAt: submission.submittedAt,
    applicants: submission.applicants.map(
      (applicant): EoiApplicantFacts => ({
        personId: applicant.personId,
        role: applicant.role,
        dateOfBirth: applicant.dateOfBirth,
        nationalities: [...applicant.nationalities],
        document: {
          kind: applicant.document.kind,
          issuingCountry: applicant.document.issuingCountry,
          nationalityShown: applicant.document.nationalityShown,
          expiresOn: applicant.document.expiresOn,
        },
        eeaFamilyMember: applicant.eeaFamilyMember,
        protectionElsewhere: applicant.protectionElsewhere,
        frenchResidencePermission: applicant.frenchResidencePermission,
        ukLinkWithin5Years: applicant.ukLinkWithin5Years,
      }),
    ),
  };
}
