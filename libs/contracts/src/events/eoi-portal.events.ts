import { z } from 'zod';
import { eoiIdSchema, personIdSchema } from '../ids';

/** A calendar date (`YYYY-MM-DD`), as printed on identity documents. */
const calendarDateSchema = z.iso.date();
/** An ISO 3166-1 alpha-3 country or nationality code, as on travel documents (`ERI`, `FRA`). */
export const countryCodeSchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code such as ERI');

/** E5: how a person stands in the EOI; minors follow the main applicant. */
export const applicantRoleSchema = z.enum(['main', 'partner', 'adult-dependant', 'child']);

/** The identity document an applicant submitted (E3: it must show nationality; an expired one is accepted). */
export const identityDocumentSchema = z.object({
  kind: z.enum(['passport', 'national-identity-card', 'travel-document', 'other']).describe('What the document is.'),
  number: z.string().min(3).max(40).describe('Document number; identity keeps it, the workflow never sees it (S3).'),
  issuingCountry: countryCodeSchema.describe('Country that issued the document.'),
  nationalityShown: countryCodeSchema.nullable().describe('Nationality the document shows; null when it shows none (E3 fails).'),
  expiresOn: calendarDateSchema.describe('Expiry date; an expired document is accepted (E3).'),
});

/** One person in an EOI, as the portal captured them. Names and document numbers stay with the identity service. */
export const eoiApplicantSchema = z.object({
  personId: personIdSchema.describe('Opaque id the portal gave the person.'),
  role: applicantRoleSchema.describe('Main applicant, partner, adult dependant or child (E5).'),
  givenNames: z.string().min(1).max(200).describe('Given names (personal data: identity keeps them).'),
  familyName: z.string().min(1).max(200).describe('Family name (personal data: identity keeps it).'),
  dateOfBirth: calendarDateSchema.describe('Date of birth (E3: 18+, or a minor with a parent aged 18+).'),
  nationalities: z.array(countryCodeSchema).min(1).max(4).describe('Nationalities declared (E3: no EEA national; E6 priority).'),
  document: identityDocumentSchema,
  eeaFamilyMember: z.boolean().describe('Declared family member of an EEA national (E3 refuses).'),
  protectionElsewhere: z.boolean().describe('Declared protection or statelessness status in another country (E3 refuses).'),
  frenchResidencePermission: z.boolean().describe('Declared permission to reside in France (E3 refuses).'),
  ukLinkWithin5Years: z.boolean().describe('Declared link to the UK within the last 5 years (E6 priority).'),
});

/** An expression of interest submitted on the portal: one person, or a family under one reference (E1, E5). */
export const eoiSubmittedDataSchema = z.object({
  eoiId: eoiIdSchema.describe('The EOI; a family shares one (E5). Also the Kafka key.'),
  familyReference: z.string().min(4).max(64).optional().describe("The portal's family reference, when a family applies together (E5)."),
  submittedAt: z.iso.datetime({ offset: true }).describe('When the portal accepted the submission; E1 checks it against the windows.'),
  applicants: z
    .array(eoiApplicantSchema)
    .min(1)
    .max(12)
    .refine((people) => people.filter((person) => person.role === 'main').length === 1, 'exactly one applicant must be the main applicant')
    .refine((people) => new Set(people.map((person) => person.personId)).size === people.length, 'each applicant must have a different personId')
    .describe('Everyone in the EOI; exactly one main applicant.'),
});

/** Identity asked each adult in the EOI to confirm their location in France within 24 hours (E2). */
export const presenceRequestedDataSchema = z.object({
  eoiId: eoiIdSchema.describe('The EOI.'),
  personIds: z.array(personIdSchema).min(1).max(12).describe('The adults asked.'),
  askedAt: z.iso.datetime({ offset: true }).describe('When they were asked; the 24 hours count from here (E2).'),
  confirmBy: z.iso.datetime({ offset: true }).describe('The deadline for confirmations (E2).'),
});

/** An adult confirmed their location on the portal (E2). */
export const presenceConfirmedDataSchema = z.object({
  eoiId: eoiIdSchema.describe('The EOI.'),
  personId: personIdSchema.describe('The adult confirming.'),
  confirmedAt: z.iso.datetime({ offset: true }).describe('When they confirmed.'),
  country: countryCodeSchema.describe('Country the portal located them in; only FRA satisfies E2.'),
});

/** Data of an EOI-submitted event. */
export type EoiSubmittedData = z.infer<typeof eoiSubmittedDataSchema>;
/** One applicant of an EOI as submitted. */
export type EoiApplicant = z.infer<typeof eoiApplicantSchema>;
/** Data of a presence-requested event. */
export type PresenceRequestedData = z.infer<typeof presenceRequestedDataSchema>;
/** Data of a presence-confirmed event. */
export type PresenceConfirmedData = z.infer<typeof presenceConfirmedDataSchema>;
