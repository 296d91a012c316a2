import { z } from 'zod';
import { parseConfig } from '@oioo/config';

const share = z.coerce.number().min(0).max(1);

/**
 * Rates and mixes of the simulated agencies. Defaults follow the reported figures in RULES.md: about
 * 110 small-boat arrivals a day, about 50 returns a week (so roughly 7 in 100 arrivals are selected),
 * removal flights of 13 to 20 people. Durations are simulated time, shortened by SIM_TIME_COMPRESSION.
 */
export const simulatorConfigSchema = z.object({
  /** Demonstration only: simulated seconds per real second (1440 = a day a minute). Must match the platform's compression. */
  SIM_TIME_COMPRESSION: z.coerce.number().min(1).default(1440),
  /** Seed of every random choice, so a run can be repeated. */
  SIM_SEED: z.coerce.number().int().default(20250806),
  SIM_ARRIVALS_PER_DAY: z.coerce.number().min(0).default(110),
  /** Share of arrivals the desk selects for the pilot (about 50 a week out of 770). */
  SIM_SELECTION_SHARE: share.default(0.07),
  /** R1: arrivals without crossing evidence. */
  SIM_NO_EVIDENCE_SHARE: share.default(0.03),
  /** R2: unaccompanied minors, and disputed ages (resolved as adults in 4 of 5). */
  SIM_UNACCOMPANIED_MINOR_SHARE: share.default(0.02),
  SIM_DISPUTED_AGE_SHARE: share.default(0.05),
  /** Search-and-rescue landings among arrivals. */
  SIM_RESCUE_SHARE: share.default(0.2),
  /** France's replies (R4, R10); the rest is silence. */
  SIM_FRANCE_ACCEPT_SHARE: share.default(0.85),
  SIM_FRANCE_REFUSE_SHARE: share.default(0.05),
  SIM_FRANCE_EXTEND_SHARE: share.default(0.05),
  /** R9: people who do not board. */
  SIM_NO_SHOW_SHARE: share.default(0.05),
  /** R7: cases with a legal challenge, and challenges upheld. */
  SIM_CHALLENGE_SHARE: share.default(0.1),
  SIM_CHALLENGE_UPHELD_SHARE: share.default(0.2),
  /** How often (real time) the caseworker desk looks for cases waiting on a person. */
  SIM_DESK_POLL_MS: z.coerce.number().int().min(100).default(2000),
});

/** Parsed simulator settings. */
export type SimulatorConfig = z.infer<typeof simulatorConfigSchema>;

/** Parses the simulator's settings, failing fast on a bad variable. */
export function loadSimulatorConfig(env: Record<string, string | undefined> = process.env): SimulatorConfig {
  return parseConfig('agency-simulator', simulatorConfigSchema, env);
}
