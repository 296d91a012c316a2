import { z } from 'zod';
import { parseConfig } from '@oioo/config';
import { DEFAULT_PILOT_ID, pilotIdSchema } from '@oioo/contracts';
import { DEFAULT_READMISSION_POLICY } from '@oioo/domain';

/** An optional variable where an empty value (common in `.env` files) counts as unset, so its default applies. */
function unsetWhenEmpty<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema);
}

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
    /** Demonstration only: divides the schedule interval and the manifest notice (1 = real time), and the legal route's travel timetable. */
    TRANSPORT_TIME_COMPRESSION: z.coerce.number().min(1).max(100_000).default(DEFAULT_READMISSION_POLICY.timeCompression),
    /** E7: hour of day (UTC) of the daily Eurostar-like departure the legal route's journeys are booked on. */
    TRAVEL_DEPARTURE_HOUR_UTC: z.coerce.number().int().min(0).max(23).default(9),
    /** E7, E8: the UK port the booked journeys arrive at. */
    TRAVEL_ARRIVAL_PORT: z.string().trim().min(1).max(64).default('London St Pancras'),
    /** Q1: the pilot whose equivalence ledger (`ledger:<PILOT_ID>`) counts confirmed handovers; every service and the worker must name the same one. */
    PILOT_ID: unsetWhenEmpty(pilotIdSchema.default(DEFAULT_PILOT_ID)),
  })
  .transform((env) => ({
    movementCapacity: env.TRANSPORT_MOVEMENT_CAPACITY,
    entryPoint: env.TRANSPORT_ENTRY_POINT,
    manifestNoticeHours: env.TRANSPORT_MANIFEST_NOTICE_HOURS,
    scheduleIntervalHours: env.TRANSPORT_SCHEDULE_INTERVAL_HOURS,
    departureHourUtc: env.TRANSPORT_DEPARTURE_HOUR_UTC,
    timeCompression: env.TRANSPORT_TIME_COMPRESSION,
    travelDepartureHourUtc: env.TRAVEL_DEPARTURE_HOUR_UTC,
    travelArrivalPort: env.TRAVEL_ARRIVAL_PORT,
    pilotId: env.PILOT_ID,
  }));

/** The transport service's parsed settings. */
export type TransportConfig = z.infer<typeof transportConfigSchema>;

/** Injection token of the parsed {@link TransportConfig}. */
export const TRANSPORT_CONFIG = Symbol('TRANSPORT_CONFIG');

/** Parses the `TRANSPORT_*`, `TRAVEL_*` and `PILOT_ID` variables, failing fast with the name of each bad one. */
export function loadTransportConfig(env: Record<string, string | undefined> = process.env): TransportConfig {
  return parseConfig('transport', transportConfigSchema, env);
}
