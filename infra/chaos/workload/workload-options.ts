import { z } from 'zod';

const share = z.number().min(0).max(1);

/**
 * The mix of fates, as shares of the cases that reach each point. Defaults follow the reported figures in
 * RULES.md and the agency simulator's (services/agency-simulator/src/simulator-config.ts): about 50 returns
 * a week out of about 770 arrivals (7 in 100 selected), France accepting most requests, flights of 13 to 20.
 */
export const workloadMixSchema = z.object({
  /** Arrivals the desk selects for the pilot. */
  selection: share.default(0.07),
  /** R1: arrivals without crossing evidence. */
  noEvidence: share.default(0.03),
  /** R11: arrivals Border Force records twice (a second record, new case id, same crossing and biometrics). */
  duplicateRecord: share.default(0.01),
  /** Search-and-rescue landings (R1 c). */
  rescue: share.default(0.2),
  /** R2: unaccompanied minors, and disputed ages (resolved as adults in `disputedResolvedAdult`). */
  unaccompaniedMinor: share.default(0.02),
  disputedAge: share.default(0.05),
  disputedResolvedAdult: share.default(0.8),
  /** R4, R10: France's replies; what is left of 1 is silence (escalated to the liaison desk at the deadline). */
  franceAccept: share.default(0.85),
  franceRefuse: share.default(0.05),
  franceExtend: share.default(0.05),
  /** R10: refusals the liaison officer corrects while R3's 14 days run. */
  correctedAfterRefusal: share.default(0.5),
  /** R7: selected cases that get a legal challenge, and challenges upheld. */
  challenge: share.default(0.1),
  challengeUpheld: share.default(0.2),
  /** R9: people who do not board (rebooked on the next movement). */
  noShow: share.default(0.05),
  /** E5: EOIs made by a family. */
  eoiFamily: share.default(0.3),
  /** E3: EOIs that fail eligibility on their own data. */
  eoiIneligible: share.default(0.05),
  /** E4: applicants who crossed before (the visa centre captures an earlier arrival's template). */
  eoiPriorEntry: share.default(0.02),
  /** E6: EOIs declaring a UK link within 5 years. */
  eoiUkLink: share.default(0.15),
  /** E2: adults who never confirm their location, and adults located outside France. */
  presenceNeverConfirmed: share.default(0.03),
  presenceOutsideFrance: share.default(0.01),
  /** E7: appointments nobody attends; people the security services refuse; decisions refused although clear. */
  vacNoShow: share.default(0.03),
  securityRefuse: share.default(0.03),
  decisionRefuse: share.default(0.01),
  /** E7, Q6: granted parties that never travel, so their grant lapses. */
  noTravel: share.default(0.03),
});

/** A constant offered rate in real time, to find the knee: arrivals (and EOIs) at fixed gaps, no bursts. */
export const fixedRateSchema = z.object({
  arrivalsPerSecond: z.number().positive(),
  eoisPerSecond: z.number().min(0).default(0),
});

/**
 * Settings of the workload. `arrivalsPerDay` is the long-run mean including bursts (41,472 arrivals in 2025
 * is 113.6 a day); a burst day brings about `burstSize` (898 on 30 July 2025) and the other days make up
 * the rest, so the mean stays as given.
 */
export const workloadOptionsSchema = z
  .object({
    seed: z.number().int(),
    /** Days of intake; the life cycles of the last cases run on past them. */
    days: z.number().positive().default(365),
    /** Simulated start (the agreement came into force on 6 August 2025). */
    start: z.iso.datetime({ offset: true }).default('2025-08-06T00:00:00.000Z'),
    /** Simulated milliseconds per real millisecond; must equal the platform's time compression (1440: a day a minute). */
    compression: z.number().min(1).default(1440),
    arrivalsPerDay: z.number().min(0).default(110),
    /** Chance that a day is a calm-sea burst day. */
    burstProbability: share.default(0.03),
    burstSize: z.number().int().min(0).default(900),
    eoisPerDay: z.number().min(0).default(12),
    /** When set, intake is at this constant real-time rate instead of the day model. */
    fixedRate: fixedRateSchema.optional(),
    /** Follow each case through its life cycle (false: intake events only, for pure ingest runs). */
    lifecycles: z.boolean().default(true),
    mix: workloadMixSchema.default(workloadMixSchema.parse({})),
  })
  .refine((options) => options.fixedRate !== undefined || options.burstProbability * options.burstSize <= options.arrivalsPerDay, {
    message: 'burstProbability × burstSize exceeds arrivalsPerDay: bursts alone would bring more than the mean',
    path: ['burstProbability'],
  })
  .refine((options) => options.mix.franceAccept + options.mix.franceRefuse + options.mix.franceExtend <= 1, {
    message: "France's accept, refuse and extend shares add up to more than 1",
    path: ['mix'],
  });

/** Settings as given by a caller (defaults filled in by {@link parseWorkloadOptions}). */
export type WorkloadOptionsInput = z.input<typeof workloadOptionsSchema>;
/** Settings with every default filled in. */
export type WorkloadOptions = z.output<typeof workloadOptionsSchema>;
/** The mix of fates. */
export type WorkloadMix = z.output<typeof workloadMixSchema>;

/** Parses the settings, failing with every wrong field named. */
export function parseWorkloadOptions(input: WorkloadOptionsInput): WorkloadOptions {
  return workloadOptionsSchema.parse(input);
}
