import { z } from 'zod';
import { type Period, periodSchema } from './iso-duration';

/** S4: the data classes that are deleted (or made unreadable) once their period has passed. */
export const RETENTION_CLASSES = ['biometric-templates', 'enrolments', 'eoi-identity-documents', 'consultation-logs', 'closed-case-histories', 'dead-letters'] as const;

/** One data class with a retention period. */
export type RetentionClass = (typeof RETENTION_CLASSES)[number];

/** What the catalogue says of a class: what it is, when its period starts, where it lives and how it goes. */
export interface RetentionClassDefinition {
  /** The environment variable that overrides the period (an ISO-8601 duration). */
  variable: string;
  /** The default period (S4 policy): see docs/data-protection.md for the reasoning. */
  defaultPeriod: string;
  description: string;
  /** The moment the period counts from. */
  start: string;
  /** The owner of the data, who deletes it when asked. */
  owner: 'identity' | 'casework' | 'worker' | 'kafka';
}

/** S4 (policy): the catalogue of data classes, their default periods and what starts each. */
export const RETENTION_CATALOGUE: Readonly<Record<RetentionClass, RetentionClassDefinition>> = {
  'biometric-templates': {
    variable: 'RETENTION_BIOMETRIC_TEMPLATES',
    defaultPeriod: 'P2Y',
    description: 'biometric templates of small-boat arrivals not returned (with their entry in the register of irregular entries and their screening)',
    start: 'the readmission case closed without a return',
    owner: 'identity',
  },
  enrolments: {
    variable: 'RETENTION_ENROLMENTS',
    defaultPeriod: 'P1Y',
    description: "EOI applicants' enrolments: biometrics captured at the visa application centre",
    start: 'the EOI case closed (decided, admitted, withdrawn, lapsed or revoked)',
    owner: 'identity',
  },
  'eoi-identity-documents': {
    variable: 'RETENTION_EOI_IDENTITY_DOCUMENTS',
    defaultPeriod: 'P1Y',
    description: "EOI applicants' personal data and identity documents, with the EOI's presence requests and appointments",
    start: 'the EOI case closed',
    owner: 'identity',
  },
  'consultation-logs': {
    variable: 'RETENTION_CONSULTATION_LOGS',
    defaultPeriod: 'P2Y',
    description: 'the consultation log: every read of personal data (S3)',
    start: 'the read',
    owner: 'casework',
  },
  'closed-case-histories': {
    variable: 'RETENTION_CLOSED_CASE_HISTORIES',
    defaultPeriod: 'P1Y',
    description: 'Temporal histories of closed readmission and EOI cases, made unreadable by destroying their data keys',
    start: 'the case workflow closed',
    owner: 'worker',
  },
  'dead-letters': {
    variable: 'RETENTION_DEAD_LETTERS',
    defaultPeriod: 'P90D',
    description: "dead letters: events the platform's consumers could not process (`<topic>.dlq`)",
    start: 'the event was dead-lettered',
    owner: 'kafka',
  },
};

/** S4: the period in force for every class. */
export type RetentionPolicy = Readonly<Record<RetentionClass, Period>>;

/** An optional variable where an empty value counts as unset. */
const periodVariable = (fallback: string) => z.preprocess((value) => (value === undefined || value === '' ? fallback : value), periodSchema);

/**
 * The `RETENTION_*` variables (each an ISO-8601 duration, unset = the catalogue's default) parsed into the
 * policy; a bad value is an issue on its variable, so `parseConfig` stops the process naming it.
 */
export const retentionPolicyEnvSchema = z
  .object(Object.fromEntries(RETENTION_CLASSES.map((name) => [RETENTION_CATALOGUE[name].variable, periodVariable(RETENTION_CATALOGUE[name].defaultPeriod)])) as Record<string, ReturnType<typeof periodVariable>>)
  .transform((variables): RetentionPolicy => Object.fromEntries(RETENTION_CLASSES.map((name) => [name, variables[RETENTION_CATALOGUE[name].variable] as Period])) as Record<RetentionClass, Period>);

/** The policy with every class at its default period. */
export const DEFAULT_RETENTION_POLICY: RetentionPolicy = retentionPolicyEnvSchema.parse({});

/** The instant before which a class's data is past its period, as of `asOf`. */
export function retentionCutoff(policy: RetentionPolicy, dataClass: RetentionClass, asOf: Date): Date {
  return new Date(asOf.getTime() - policy[dataClass].ms);
}

/** What is kept whatever the policy, and why (S4); listed in docs/data-protection.md. */
export const KEPT_FOREVER = [
  { what: 'the register of returns (R11) and the biometrics that entered it', why: 'R11, E4: a returned person is refused any later EOI and detected on re-entry, for the life of the scheme' },
  { what: "the equivalence ledger's counts and weekly reports (Q1–Q5)", why: 'the treaty balance is reported to the joint committee; they hold counts, never personal data' },
  { what: "the audit streams' published heads and the pruning checkpoints", why: 'hashes only; they let anyone check later that the record was not rewritten (S2, S3)' },
  { what: 'the decision and operations logs', why: 'S2: who decided what, and every operator action; staff ids and opaque case ids, no applicant data' },
] as const;
