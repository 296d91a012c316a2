import { z } from 'zod';
import { caseIdSchema, eoiIdSchema, personIdSchema } from '../ids';

// A person's data on request (right of access): what each service holds on one person, answered to the
// casework service only (`GET /internal/v1/subject-access/{personId}`), and the export the casework API
// assembles from them (`POST /api/v1/subject-access-requests`). Each service leaves out what is not the
// person's own (other people's ids and data, staff identities) and says so in `withheld`.

const instant = z.iso.datetime({ offset: true });
const instantOrNull = instant.nullable();

/** Why something held on the person is not in the export: what it is, and the exemption with its reason. */
export const withheldItemSchema = z.object({
  what: z.string().min(1).max(300),
  reason: z.string().min(1).max(600),
  /** How many items it covers, when more than one. */
  count: z.number().int().min(1).optional(),
});

/** One withheld item. */
export type WithheldItem = z.infer<typeof withheldItemSchema>;

/**
 * The reasons the platform gives for withholding, worded once so every source says the same (documented in
 * docs/data-protection.md, "A person's data on request").
 */
export const EXEMPTION_REASONS = {
  otherPerson:
    'exemption: information about another person (a family member or fellow traveller on the same EOI, booking or check); disclosing it would disclose their personal data without their consent (third-party data)',
  staff:
    'exemption: the identity of the officer or caseworker who acted is third-party data of staff; the step, its time, its reasons and its evidence are disclosed, the person who took it is not',
  crimePrevention:
    'exemption: disclosing that a security or criminality ground was found would be likely to prejudice the prevention or detection of crime and national security (crime and national-security exemption); the outcome of the check is disclosed',
  biometricTemplate:
    'exemption: the biometric template itself is not copied out of the biometric store (security of processing: a copy outside the store could be used to impersonate the person); each enrolment is disclosed by its reference, context, case and times',
} as const;

/** The list parameter of case ids (`a,b,c`) the internal routes of legal-review and transport take. */
const idList = (schema: z.ZodType<string, string>) =>
  z
    .string()
    .max(50 * 45)
    .optional()
    .transform((value) => (value ? value.split(',').filter((id) => id.length > 0) : []))
    .pipe(z.array(schema).max(50));

/** Query of the legal-review and transport routes: the person's cases, as identity links them to the person. */
export const subjectAccessCasesQuery = z.strictObject({
  readmissionCaseIds: idList(caseIdSchema).describe('The person\'s readmission cases, comma-separated'),
  eoiIds: idList(eoiIdSchema).describe('The EOIs the person is an applicant in, comma-separated'),
});

/** The person's cases, parsed. */
export type SubjectAccessCases = z.infer<typeof subjectAccessCasesQuery>;

/** What identity holds on one person. */
export const identitySubjectAccessSchema = z.object({
  personId: personIdSchema,
  /** False when identity has never met the person: every list is empty. */
  known: z.boolean(),
  knownSince: instantOrNull,
  /** The person's cases: the readmission cases of their arrivals and the EOIs they are an applicant in. */
  cases: z.object({ readmission: z.array(caseIdSchema), eoi: z.array(eoiIdSchema) }),
  enrolments: z.array(
    z.object({ reference: z.string(), caseId: z.string(), context: z.enum(['arrival', 'eoi']), capturedAt: instant, enrolledAt: instant, templateHeld: z.literal(true) }),
  ),
  arrivalScreenings: z.array(
    z.object({
      caseId: z.string(),
      enrolmentReference: z.string(),
      reEntry: z.boolean(),
      previousCaseId: z.string().nullable(),
      earlierCaseId: z.string().nullable(),
      matchScore: z.number().nullable(),
      screenedAt: instant,
      caseOpenedAt: instantOrNull,
    }),
  ),
  arrivalRecordsLinked: z.array(z.object({ recordCaseId: z.string(), caseId: z.string(), link: z.string(), matchScore: z.number(), recordArrivedAt: instant, linkedAt: instant })),
  irregularEntries: z.array(z.object({ caseId: z.string(), enrolmentReference: z.string(), route: z.string(), arrivedAt: instant, recordedAt: instant })),
  returnsRegister: z.array(z.object({ caseId: z.string(), handoverReference: z.string(), registeredAt: instant, enrolmentReferences: z.array(z.string()) })),
  ageAssessments: z.array(z.object({ reference: z.string(), caseId: z.string(), outcome: z.string(), assessedAt: instant, recordedAt: instant })),
  eoiApplications: z.array(
    z.object({
      eoiId: z.string(),
      familyReference: z.string().nullable(),
      submittedAt: instant,
      receivedAt: instant,
      role: z.string(),
      givenNames: z.string(),
      familyName: z.string(),
      dateOfBirth: z.string(),
      nationalities: z.array(z.string()),
      document: z.object({ kind: z.string(), number: z.string(), issuingCountry: z.string(), nationalityShown: z.string().nullable(), expiresOn: z.string() }),
      eeaFamilyMember: z.boolean(),
      protectionElsewhere: z.boolean(),
      frenchResidencePermission: z.boolean(),
      ukLinkWithin5Years: z.boolean(),
    }),
  ),
  presenceRequests: z.array(z.object({ eoiId: z.string(), recordedAt: instant, askedAt: instantOrNull, confirmBy: instantOrNull })),
  vacAppointments: z.array(z.object({ appointmentReference: z.string(), eoiId: z.string(), centre: z.string(), at: instant, bookedAt: instant })),
  biometricCaptures: z.array(z.object({ appointmentReference: z.string(), eoiId: z.string(), enrolmentReference: z.string(), capturedAt: instant, recordedAt: instant })),
  withheld: z.array(withheldItemSchema),
});

/** Identity's answer. */
export type IdentitySubjectAccess = z.infer<typeof identitySubjectAccessSchema>;

/** What legal-review holds on one person and their cases. */
export const legalReviewSubjectAccessSchema = z.object({
  personId: personIdSchema,
  challenges: z.array(z.object({ challengeId: z.string(), caseId: z.string(), kind: z.string(), lodgedAt: instant, status: z.string(), outcome: z.string().nullable(), decidedAt: instantOrNull })),
  readmissionRequests: z.array(z.object({ requestReference: z.string(), caseId: z.string(), requestNumber: z.number().int(), contentSha256: z.string(), recordedAt: instant, publishedAt: instantOrNull })),
  disclosures: z.array(z.object({ caseId: z.string(), recipient: z.string(), fields: z.array(z.string()), purpose: z.string(), channel: z.string(), requestReference: z.string(), loggedAt: instant })),
  franceReplies: z.array(z.object({ caseId: z.string(), requestReference: z.string(), kind: z.string(), ground: z.string().nullable(), repliedAt: instant, caseState: z.string() })),
  securityChecks: z.array(
    z.object({
      checkReference: z.string(),
      eoiId: z.string(),
      requestedAt: instant,
      publishedAt: instantOrNull,
      result: z.object({ outcome: z.enum(['clear', 'refuse']), ground: z.string().nullable(), completedAt: instant }).nullable(),
    }),
  ),
  withheld: z.array(withheldItemSchema),
});

/** Legal-review's answer. */
export type LegalReviewSubjectAccess = z.infer<typeof legalReviewSubjectAccessSchema>;

/** What transport holds on one person and their cases. */
export const transportSubjectAccessSchema = z.object({
  personId: personIdSchema,
  bookings: z.array(
    z.object({
      bookingId: z.string(),
      caseId: z.string(),
      bookingNumber: z.number().int(),
      status: z.string(),
      bookedAt: instant,
      releasedAt: instantOrNull,
      releaseReason: z.string().nullable(),
      movement: z.object({ movementId: z.string(), departsAt: instant, entryPoint: z.string(), status: z.string() }),
      boarding: z.object({ outcome: z.string(), recordedAt: instant }).nullable(),
    }),
  ),
  handovers: z.array(z.object({ handoverReference: z.string(), caseId: z.string(), movementId: z.string(), confirmedAt: instant, receivedAt: instant })),
  travel: z.array(z.object({ travelReference: z.string(), eoiId: z.string(), notBefore: instant, departsAt: instant, arrivalPort: z.string(), bookedAt: instant, publishedAt: instantOrNull })),
  entries: z.array(z.object({ eoiId: z.string(), travelReference: z.string().nullable(), arrivedAt: instant, port: z.string(), caseState: z.string() })),
  withheld: z.array(withheldItemSchema),
});

/** Transport's answer. */
export type TransportSubjectAccess = z.infer<typeof transportSubjectAccessSchema>;

/** The body of `POST /api/v1/subject-access-requests`: whose data, and why. Who asks is the verified caller, never a field. */
export const subjectAccessRequestBody = z.strictObject({
  personId: personIdSchema,
  purpose: z.string().trim().min(3).max(200).describe('Why the data is gathered (the request it answers); recorded in the consultation log (S3)'),
  reference: z
    .string()
    .regex(/^[A-Za-z0-9_.:/-]{1,64}$/, 'an opaque reference: letters, digits and _ . : / - only')
    .optional()
    .describe('The reference of the person\'s request in the data-protection team\'s own register'),
});

/** One event of a case's Temporal history, with its payloads decoded (and exemptions applied). */
export const subjectAccessHistoryEventSchema = z.object({
  eventId: z.string(),
  at: z.string(),
  type: z.string(),
  attributes: z.record(z.string(), z.unknown()),
});

/** One of the person's cases: its workflow runs and their histories, decoded through the platform's data converter. */
export const subjectAccessCaseSchema = z.object({
  kind: z.enum(['readmission', 'eoi']),
  caseId: z.string(),
  workflowId: z.string(),
  runs: z.array(z.object({ runId: z.string(), status: z.string(), startedAt: z.string().optional(), closedAt: z.string().optional(), events: z.array(subjectAccessHistoryEventSchema) })),
});

/** The answer to a subject-access request: the request as recorded, what each source holds, and every exemption applied. */
export const subjectAccessExportSchema = z.object({
  request: z.object({
    id: z.string().describe('The request\'s id: `sar_` and its entry in the consultation log'),
    personId: personIdSchema,
    requestedBy: z.object({ actorId: z.string(), name: z.string(), roles: z.array(z.string()) }),
    requestedAt: instant,
    completedAt: instant,
    purpose: z.string(),
    reference: z.string().optional(),
  }),
  sources: z.object({
    identity: identitySubjectAccessSchema.omit({ withheld: true }),
    legalReview: legalReviewSubjectAccessSchema.omit({ withheld: true }),
    transport: transportSubjectAccessSchema.omit({ withheld: true }),
    cases: z.array(subjectAccessCaseSchema),
  }),
  exemptions: z.array(withheldItemSchema.extend({ source: z.enum(['identity', 'legal-review', 'transport', 'cases']) })),
});

/** A subject-access export. */
export type SubjectAccessExport = z.infer<typeof subjectAccessExportSchema>;
