import { z } from 'zod';
import { booleanVariable, parseConfig } from '@oioo/config';

const share = z.coerce.number().min(0).max(1);

/**
 * Rates and mixes of the simulated agencies. Defaults follow the reported figures in RULES.md: about
 * 110 small-boat arrivals a day, about 50 returns a week (so roughly 7 in 100 arrivals are selected),
 * removal flights of 13 to 20 people. Durations are simulated time, shortened by SIM_TIME_COMPRESSION.
 * The legal route's rate is modest: about 57 admissions against about 94 returns by early November 2025,
 * and EOIs wait for places the ledger releases (E6), so a dozen a day keeps a queue without flooding it.
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
  /** R11: arrivals Border Force records twice (a second record with a new case id, the same crossing and biometrics). */
  SIM_DUPLICATE_RECORD_SHARE: share.default(0.01),
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
  /** R7: cases asked of France that get a legal challenge, and challenges upheld. */
  SIM_CHALLENGE_SHARE: share.default(0.1),
  SIM_CHALLENGE_UPHELD_SHARE: share.default(0.2),
  /** How often (real time) the caseworker desk looks for cases waiting on a person. */
  SIM_DESK_POLL_MS: z.coerce.number().int().min(100).default(2000),
  /** Cases the simulated desks leave alone, so people signed in to the console can work them by hand. */
  SIM_LEFT_FOR_PEOPLE_SHARE: share.default(0.2),

  // --- The legal route (E1–E8): the EOI portal, the visa application centre, the security services,
  // --- the decision desk and Border Force at the port of arrival.
  /** Runs the legal route's agencies and decision desk beside the readmission ones. */
  SIM_LEGAL_ROUTE: booleanVariable.default(true),
  /** Expressions of interest submitted a day (a Poisson process). E1: all inside an open window. */
  SIM_EOIS_PER_DAY: z.coerce.number().min(0).default(12),
  /** E5: EOIs made by a family (main applicant, usually a partner, children, sometimes an adult dependant). */
  SIM_EOI_FAMILY_SHARE: share.default(0.3),
  /** E3: EOIs that fail eligibility (EEA nationality, no nationality on the document, French residence, ...). */
  SIM_EOI_INELIGIBLE_SHARE: share.default(0.05),
  /** E4: adult applicants who crossed, or were returned, before; the visa application centre captures their earlier template. */
  SIM_EOI_PRIOR_ENTRY_SHARE: share.default(0.02),
  /** E6: EOIs declaring a UK link within 5 years. */
  SIM_EOI_UK_LINK_SHARE: share.default(0.15),
  /** E2: adults who never confirm their location in France (the EOI becomes invalid). */
  SIM_PRESENCE_NEVER_CONFIRMED_SHARE: share.default(0.03),
  /** E2: adults the portal locates outside France when they confirm. */
  SIM_PRESENCE_OUTSIDE_FRANCE_SHARE: share.default(0.01),
  /** E7: appointments at the visa application centre that nobody attends. */
  SIM_VAC_NO_SHOW_SHARE: share.default(0.03),
  /** E7: people the security services refuse on a ground (each check takes 1 to 10 simulated days). */
  SIM_SECURITY_REFUSE_SHARE: share.default(0.03),
  /** E7, S1: EOIs the decision desk refuses although every check is clear. */
  SIM_EOI_DECISION_REFUSE_SHARE: share.default(0.01),
  /** E7, Q6: granted parties that never travel, so their grant lapses after 3 months. */
  SIM_EOI_NO_TRAVEL_SHARE: share.default(0.03),
});

/** Parsed simulator settings. */
export type SimulatorConfig = z.infer<typeof simulatorConfigSchema>;

/** Parses the simulator's settings, failing fast on a bad variable. */
export function loadSimulatorConfig(env: Record<string, string | undefined> = process.env): SimulatorConfig {
  return parseConfig('agency-simulator', simulatorConfigSchema, env);
}
