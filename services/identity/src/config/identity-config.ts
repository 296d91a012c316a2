import { z } from 'zod';
import { parseConfig } from '@oioo/config';
import { DEFAULT_PILOT_ID, pilotIdSchema } from '@oioo/contracts';
import { type ApplicationWindow } from '@oioo/domain';

/** The identity service's own settings, parsed once at boot. */
export interface IdentityConfig {
  /** Lowest similarity score (0–1] that counts as a biometric match (R11, E4). */
  matchThreshold: number;
  /** Demonstration only: the compression new readmission cases run their deadlines at (1 = real time). */
  readmissionTimeCompression: number;
  /** The pilot whose ledger new EOI cases draw their places from (`ledger:<pilotId>`). */
  pilotId: string;
  /** Demonstration only: the compression new EOI cases run their deadlines at, and VAC lead times shrink by (1 = real time). */
  legalRouteTimeCompression: number;
  /** E1 (policy): the application windows new EOI cases take; absent = the policy default in `@oioo/domain`. */
  eoiWindows?: ApplicationWindow[];
  /** E7 (policy): hours from booking to the visa application centre appointment, before time compression. */
  vacAppointmentLeadHours: number;
  /** The caseworking teams new readmission cases are shared among (policy); the case's `CaseTeam` decides who may work it. */
  readmissionTeams: string[];
  /** The caseworking teams new EOI cases are shared among (policy). */
  legalRouteTeams: string[];
}

/** Default of `READMISSION_TEAMS`: two regional teams. */
export const DEFAULT_READMISSION_TEAMS = ['south-east', 'north-west'];

/** Default of `LEGAL_ROUTE_TEAMS`: one national legal-route team. */
export const DEFAULT_LEGAL_ROUTE_TEAMS = ['legal-route'];

/** Default of `IDENTITY_MATCH_THRESHOLD`: near-identical samples only. */
export const DEFAULT_MATCH_THRESHOLD = 0.9;

/** Default of `VAC_APPOINTMENT_LEAD_HOURS`: three days' notice of the appointment. */
export const DEFAULT_VAC_APPOINTMENT_LEAD_HOURS = 72;

/** An empty variable counts as unset, so `.env` files can list a variable without choosing a value. */
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

const instantSchema = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant such as 2025-08-06T00:00:00Z' });

/** One E1 window as written in `EOI_WINDOWS`; stored in UTC, so every case compares instants the same way. */
const applicationWindowSchema = z
  .strictObject({ opensAt: instantSchema, closesAt: instantSchema }, { message: 'each window must be an object { "opensAt", "closesAt" } and nothing else' })
  .refine((window) => Date.parse(window.opensAt) < Date.parse(window.closesAt), 'a window must close after it opens')
  .transform((window): ApplicationWindow => ({ opensAt: new Date(window.opensAt).toISOString(), closesAt: new Date(window.closesAt).toISOString() }));

/** `EOI_WINDOWS`: a JSON array of windows. */
const eoiWindowsSchema = z
  .string()
  .transform((text, ctx): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of { "opensAt", "closesAt" } windows' });
      return z.NEVER;
    }
  })
  // An empty list would make every EOI invalid (E1); a deployment that means it should say so by pausing intake (Q4).
  .pipe(z.array(applicationWindowSchema, { message: 'must be a JSON array of { "opensAt", "closesAt" } windows' }).min(1, 'must list at least one window; leave it unset for the default'));

/** A comma-separated list of team names: lowercase words and dashes, as `CaseTeam` holds them. */
const teamsSchema = z
  .string()
  .transform((text) => text.split(',').map((team) => team.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[a-z0-9-]{2,40}$/, 'team names are lowercase letters, digits and dashes')).min(1, 'must name at least one team'));

/** The identity variables; an empty value counts as unset. */
export const identityConfigSchema = z
  .object({
    IDENTITY_MATCH_THRESHOLD: z.preprocess(
      unsetIfEmpty,
      z.coerce.number({ message: 'must be a number' }).gt(0, 'must be above 0').max(1, 'must be at most 1').optional(),
    ),
    READMISSION_TIME_COMPRESSION: z.preprocess(unsetIfEmpty, z.coerce.number({ message: 'must be a number' }).min(1, 'must be at least 1 (1 = real time)').optional()),
    PILOT_ID: z.preprocess(unsetIfEmpty, pilotIdSchema.optional()),
    LEGAL_ROUTE_TIME_COMPRESSION: z.preprocess(unsetIfEmpty, z.coerce.number({ message: 'must be a number' }).min(1, 'must be at least 1 (1 = real time)').optional()),
    EOI_WINDOWS: z.preprocess(unsetIfEmpty, eoiWindowsSchema.optional()),
    VAC_APPOINTMENT_LEAD_HOURS: z.preprocess(unsetIfEmpty, z.coerce.number({ message: 'must be a number' }).positive('must be above 0').optional()),
    READMISSION_TEAMS: z.preprocess(unsetIfEmpty, teamsSchema.optional()),
    LEGAL_ROUTE_TEAMS: z.preprocess(unsetIfEmpty, teamsSchema.optional()),
  })
  .transform(
    (env): IdentityConfig => ({
      matchThreshold: env.IDENTITY_MATCH_THRESHOLD ?? DEFAULT_MATCH_THRESHOLD,
      readmissionTimeCompression: env.READMISSION_TIME_COMPRESSION ?? 1,
      pilotId: env.PILOT_ID ?? DEFAULT_PILOT_ID,
      legalRouteTimeCompression: env.LEGAL_ROUTE_TIME_COMPRESSION ?? 1,
      ...(env.EOI_WINDOWS === undefined ? {} : { eoiWindows: env.EOI_WINDOWS }),
      vacAppointmentLeadHours: env.VAC_APPOINTMENT_LEAD_HOURS ?? DEFAULT_VAC_APPOINTMENT_LEAD_HOURS,
      readmissionTeams: env.READMISSION_TEAMS ?? DEFAULT_READMISSION_TEAMS,
      legalRouteTeams: env.LEGAL_ROUTE_TEAMS ?? DEFAULT_LEGAL_ROUTE_TEAMS,
    }),
  );

/** Parses the identity settings; a bad variable throws a `ConfigError` naming it. */
export function loadIdentityConfig(env: Record<string, string | undefined> = process.env): IdentityConfig {
  return parseConfig('identity', identityConfigSchema, env);
}

/** Injection token of the parsed {@link IdentityConfig}. */
export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');
