import { z } from 'zod';
import { parseConfig } from '@oioo/config';
import { DEFAULT_READMISSION_POLICY } from '@oioo/domain';

/**
 * The transport policy of R9 as configuration (RULES.md marks capacity, entry point and manifest notice
 * as policy): defaults from RULES.md, never literals in code. Parsed once at boot; a bad value stops the
 * service naming the variable.
 */
export const transportConfigSchema = z
  .object({
    /** R9 (policy): seats per movement; at most 200, the largest manifest the contract carries. */
    TRANSPORT_MOVEMENT_CAPACITY: z.coerce.number().int().min(1).max(200).default(DEFAULT_READMISSION_POLICY.movementCapacity),
    /** R9 (policy): the designated French entry point. */
    TRANSPORT_ENTRY_POINT: z.string().trim().min(1).max(64).default(DEFAULT_READMISSION_POLICY.entryPoint),
    /** R9 (policy): hours before departure by which France is sent the manifest. */
    TRANSPORT_MANIFEST_NOTICE_HOURS: z.coerce.number().positive().max(24 * 30).default(DEFAULT_READMISSION_POLICY.manifestNoticeHours),
    /** R9 (policy): hours between scheduled movements (24: one a day). */
    TRANSPORT_SCHEDULE_INTERVAL_HOURS: z.coerce.number().positive().max(24 * 30).default(24),
    /** R9 (policy): hour of day (UTC) the schedule is anchored on. */
    TRANSPORT_DEPARTURE_HOUR_UTC: z.coerce.number().int().min(0).max(23).default(8),
    /** Demonstration only: divides the schedule interval and the manifest notice (1 = real time). */
    TRANSPORT_TIME_COMPRESSION: z.coerce.number().min(1).max(100_000).default(DEFAULT_READMISSION_POLICY.timeCompression),
  })
  .transform((env) => ({
    movementCapacity: env.TRANSPORT_MOVEMENT_CAPACITY,
    entryPoint: env.TRANSPORT_ENTRY_POINT,
    manifestNoticeHours: env.TRANSPORT_MANIFEST_NOTICE_HOURS,
    scheduleIntervalHours: env.TRANSPORT_SCHEDULE_INTERVAL_HOURS,
    departureHourUtc: env.TRANSPORT_DEPARTURE_HOUR_UTC,
    timeCompression: env.TRANSPORT_TIME_COMPRESSION,
  }));

/** The transport service's parsed settings. */
export type TransportConfig = z.infer<typeof transportConfigSchema>;

/** Injection token of the parsed {@link TransportConfig}. */
export const TRANSPORT_CONFIG = Symbol('TRANSPORT_CONFIG');

/** Parses the `TRANSPORT_*` variables, failing fast with the name of each bad one. */
export function loadTransportConfig(env: Record<string, string | undefined> = process.env): TransportConfig {
  return parseConfig('transport', transportConfigSchema, env);
}
