import type { z } from 'zod';
import { arrivalRecordLinkedDataSchema } from './events/arrival-record-linked.event';
import { arrivalRecordedDataSchema } from './events/arrival-recorded.event';
import { challengeDecidedDataSchema, challengeLodgedDataSchema } from './events/legal-challenge.events';
import { boardingRecordedDataSchema, handoverConfirmedDataSchema, manifestNotifiedDataSchema } from './events/movement.events';
import { franceReplyDataSchema, readmissionRequestSentDataSchema } from './events/readmission-request.events';
import { eoiSubmittedDataSchema, presenceConfirmedDataSchema, presenceRequestedDataSchema } from './events/eoi-portal.events';
import {
  appointmentBookedDataSchema,
  biometricsCapturedDataSchema,
  securityCheckCompletedDataSchema,
  securityCheckRequestedDataSchema,
} from './events/legal-route-checks.events';
import { entryRecordedDataSchema, travelBookedDataSchema } from './events/legal-route-travel.events';
import { weeklyReportPublishedDataSchema } from './events/equivalence.events';
import { auditChainHeadPublishedDataSchema } from './events/audit-chain-head.events';
import { DEFAULT_RETENTION_POLICY } from './retention/retention-policy';

/** Topic names read `<context>.<entity>.<event>.v<N>`. */
const TOPIC_NAME = /^[a-z][a-z-]*\.[a-z][a-z-]*\.[a-z][a-z-]*\.v[1-9][0-9]*$/;

/** Suffix of the dead-letter topic kept beside every consumed topic. */
export const DEAD_LETTER_SUFFIX = '.dlq';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A service or agency that produces or consumes a topic. */
export type Party =
  | 'uk-border-force'
  | 'identity'
  | 'legal-review'
  | 'transport'
  | 'fr-ministry-interior'
  | 'courts'
  | 'nrm'
  | 'escorts'
  | 'eoi-portal'
  | 'visa-application-centre'
  | 'security-services'
  | 'equivalence-ledger'
  | 'joint-committee'
  | 'casework'
  | 'independent-auditor';

/** One entry of the topic catalogue: the topic, its data schema and how it is provisioned. */
export interface TopicDefinition<Data extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  data: Data;
  partitions: number;
  retentionMs: number;
  producers: readonly Party[];
  consumers: readonly Party[];
}

/** Defines a topic, checking its name against the naming convention once, at load time. */
function topic<Data extends z.ZodType>(definition: TopicDefinition<Data>): TopicDefinition<Data> {
  if (!TOPIC_NAME.test(definition.name)) {
    throw new Error(`Topic name "${definition.name}" does not read <context>.<entity>.<event>.v<N>`);
  }
  return definition;
}

/** Every topic of the integration surface. Topics are created from this list, never auto-created. */
export const Topics = {
  arrivalRecorded: topic({
    name: 'border-force.arrival.recorded.v1',
    description: 'Border Force recorded a small-boat arrival; opens a readmission case.',
    data: arrivalRecordedDataSchema,
    partitions: 6,
    retentionMs: 30 * DAY_MS,
    producers: ['uk-border-force'],
    consumers: ['identity'],
  }),
  arrivalRecordLinked: topic({
    name: 'identity.arrival-record.linked.v1',
    description:
      "A second record of a person identity already holds opened no case: it was linked to the person's existing case (R11, one person, one case). Border Force reads it to reconcile its records.",
    data: arrivalRecordLinkedDataSchema,
    partitions: 3,
    retentionMs: 90 * DAY_MS,
    producers: ['identity'],
    consumers: ['uk-border-force'],
  }),
  challengeLodged: topic({
    name: 'legal.challenge.lodged.v1',
    description: 'A court, tribunal or the NRM registered a legal challenge; the case goes on hold (R7).',
    data: challengeLodgedDataSchema,
    partitions: 3,
    retentionMs: 90 * DAY_MS,
    producers: ['courts', 'nrm'],
    consumers: ['legal-review'],
  }),
  challengeDecided: topic({
    name: 'legal.challenge.decided.v1',
    description: 'A legal challenge was decided: the hold is released, or the case goes to the domestic process (R7).',
    data: challengeDecidedDataSchema,
    partitions: 3,
    retentionMs: 90 * DAY_MS,
    producers: ['courts', 'nrm'],
    consumers: ['legal-review'],
  }),
  readmissionRequestSent: topic({
    name: 'readmission.request.sent.v1',
    description: "The UK's readmission request to France, with only what R12 allows.",
    data: readmissionRequestSentDataSchema,
    partitions: 3,
    retentionMs: 90 * DAY_MS,
    producers: ['legal-review'],
    consumers: ['fr-ministry-interior'],
  }),
  franceReplied: topic({
    name: 'france.readmission.replied.v1',
    description: "France's reply to a readmission request: accepted, refused with a ground, or extended (R4, R10).",
    data: franceReplyDataSchema,
    partitions: 3,
    retentionMs: 90 * DAY_MS,
    producers: ['fr-ministry-interior'],
    consumers: ['legal-review'],
  }),
  manifestNotified: topic({
    name: 'transport.manifest.notified.v1',
    description: 'The manifest of a scheduled movement, sent to France ahead of departure (R9).',
    data: manifestNotifiedDataSchema,
    partitions: 1,
    retentionMs: 90 * DAY_MS,
    producers: ['transport'],
    consumers: ['fr-ministry-interior'],
  }),
  boardingRecorded: topic({
    name: 'escorts.boarding.recorded.v1',
    description: 'Escorts recorded whether a person boarded a movement; a no-show is rescheduled (R9).',
    data: boardingRecordedDataSchema,
    partitions: 3,
    retentionMs: 30 * DAY_MS,
    producers: ['escorts'],
    consumers: ['transport'],
  }),
  handoverConfirmed: topic({
    name: 'france.handover.confirmed.v1',
    description: 'France confirmed it took a person over: the readmission is complete (R9, Q1).',
    data: handoverConfirmedDataSchema,
    partitions: 3,
    retentionMs: 365 * DAY_MS,
    producers: ['fr-ministry-interior'],
    consumers: ['transport'],
  }),
  eoiSubmitted: topic({
    name: 'eoi-portal.eoi.submitted.v1',
    description: 'An expression of interest submitted on the portal, one person or a family (E1, E5); opens an EOI case.',
    data: eoiSubmittedDataSchema,
    partitions: 6,
    retentionMs: 30 * DAY_MS,
    producers: ['eoi-portal'],
    consumers: ['identity'],
  }),
  presenceRequested: topic({
    name: 'eoi-portal.presence.requested.v1',
    description: 'Each adult in an EOI is asked to confirm their location in France within 24 hours (E2).',
    data: presenceRequestedDataSchema,
    partitions: 3,
    retentionMs: 30 * DAY_MS,
    producers: ['identity'],
    consumers: ['eoi-portal'],
  }),
  presenceConfirmed: topic({
    name: 'eoi-portal.presence.confirmed.v1',
    description: 'An adult confirmed their location on the portal (E2).',
    data: presenceConfirmedDataSchema,
    partitions: 3,
    retentionMs: 30 * DAY_MS,
    producers: ['eoi-portal'],
    consumers: ['identity'],
  }),
  appointmentBooked: topic({
    name: 'vac.appointment.booked.v1',
    description: 'The invited applicants are booked into the visa application centre in Paris (E7).',
    data: appointmentBookedDataSchema,
    partitions: 3,
    retentionMs: 30 * DAY_MS,
    producers: ['identity'],
    consumers: ['visa-application-centre', 'eoi-portal'],
  }),
  biometricsCaptured: topic({
    name: 'vac.biometrics.captured.v1',
    description: "The visa application centre captured an applicant's biometrics; identity enrols them and matches them against the registers (E4, E7).",
    data: biometricsCapturedDataSchema,
    partitions: 3,
    retentionMs: 7 * DAY_MS,
    producers: ['visa-application-centre'],
    consumers: ['identity'],
  }),
  securityCheckRequested: topic({
    name: 'security.check.requested.v1',
    description: 'Security and suitability checks asked for the invited applicants of an EOI (E7).',
    data: securityCheckRequestedDataSchema,
    partitions: 3,
    retentionMs: 30 * DAY_MS,
    producers: ['legal-review'],
    consumers: ['security-services'],
  }),
  securityCheckCompleted: topic({
    name: 'security.check.completed.v1',
    description: "The security services' result for one applicant: clear, or a ground for refusal (E3, E7).",
    data: securityCheckCompletedDataSchema,
    partitions: 3,
    retentionMs: 90 * DAY_MS,
    producers: ['security-services'],
    consumers: ['legal-review'],
  }),
  travelBooked: topic({
    name: 'transport.travel.booked.v1',
    description: 'The journey to the UK of the people granted entry clearance (E7).',
    data: travelBookedDataSchema,
    partitions: 3,
    retentionMs: 30 * DAY_MS,
    producers: ['transport'],
    consumers: ['eoi-portal', 'uk-border-force'],
  }),
  entryRecorded: topic({
    name: 'border-force.entry.recorded.v1',
    description: 'A person holding entry clearance under the scheme arrived at the UK border: the admission counts (E8, Q1).',
    data: entryRecordedDataSchema,
    partitions: 3,
    retentionMs: 365 * DAY_MS,
    producers: ['uk-border-force'],
    consumers: ['transport'],
  }),
  weeklyReportPublished: topic({
    name: 'equivalence.weekly-report.published.v1',
    description: "Q3: one ISO week's balance of readmissions and admissions, for the joint committee.",
    data: weeklyReportPublishedDataSchema,
    partitions: 1,
    retentionMs: 5 * 365 * DAY_MS,
    producers: ['equivalence-ledger'],
    consumers: ['joint-committee'],
  }),
  auditChainHeadPublished: topic({
    name: 'audit.chain-head.published.v1',
    description: 'S2, S3: the head (seq and hash) of each hash-chained audit stream, published periodically so a later rewrite of the record shows.',
    data: auditChainHeadPublishedDataSchema,
    partitions: 1,
    retentionMs: 10 * 365 * DAY_MS,
    producers: ['casework', 'legal-review'],
    consumers: ['independent-auditor'],
  }),
} as const;

/** The catalogue as a list. */
export const topicCatalogue: readonly TopicDefinition[] = Object.values(Topics);

/** Name of the dead-letter topic for a consumed topic. */
export function deadLetterTopicOf(topicName: string): string {
  return `${topicName}${DEAD_LETTER_SUFFIX}`;
}

/** Version number carried in a topic's name; events on it carry the same `schemaVersion`. */
export function topicVersion(topicName: string): number {
  const match = /\.v([0-9]+)$/.exec(topicName);
  if (!match?.[1]) throw new Error(`Topic name "${topicName}" has no version suffix`);
  return Number(match[1]);
}

/** The platform's own services: they consume through the dead-lettering consumer, so their topics get a dead-letter topic. */
export const PLATFORM_SERVICES: readonly Party[] = ['identity', 'legal-review', 'transport'];

/** True when one of the platform's services consumes the topic (an agency's own consumers keep their own dead letters). */
export function consumedByPlatform(definition: TopicDefinition): boolean {
  return definition.consumers.some((party) => PLATFORM_SERVICES.includes(party));
}

/**
 * Topics to provision: every catalogued topic, plus a dead-letter topic for each one the platform consumes,
 * kept for the dead-letters period of the retention policy (S4; `RETENTION_DEAD_LETTERS`).
 */
export function topicsToProvision(deadLetterRetentionMs: number = DEFAULT_RETENTION_POLICY['dead-letters'].ms): { name: string; partitions: number; retentionMs: number }[] {
  return topicCatalogue.flatMap((definition) => {
    const main = { name: definition.name, partitions: definition.partitions, retentionMs: definition.retentionMs };
    if (!consumedByPlatform(definition)) return [main];
    // Dead letters wait for a person to look at them and need no parallelism; S4 sets how long they wait.
    return [main, { name: deadLetterTopicOf(definition.name), partitions: 1, retentionMs: deadLetterRetentionMs }];
  });
}
