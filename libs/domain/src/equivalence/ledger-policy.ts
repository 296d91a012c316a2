import { type IsoWeek, compareIsoWeeks, isIsoWeek } from './iso-week';

/** Q2 (policy): from this ISO week on, at most `weeklyCap` places are released a week, until the next step. */
export interface RampUpStep {
  fromIsoWeek: IsoWeek;
  weeklyCap: number;
}

/** E6 (policy): who goes first among the EOIs held. Submission order decides between equals. */
export interface LedgerPriorityPolicy {
  /** Nationalities that go first (ISO 3166-1 alpha-3, as on the identity document). An EOI goes first when any of its people holds one. */
  nationalities: string[];
  /**
   * Then EOIs whose applicant has a link to the UK within 5 years. The EOI case establishes the link
   * (and its 5 years) and says so in `ukLinkWithin5Years`; the ledger only orders by it.
   */
  ukLinkFirst: boolean;
}

/**
 * The equivalence settings RULES.md marks as policy: configuration with these defaults, never literals in
 * code. A ledger takes a copy when it opens, so a change of configuration never rewrites a running ledger.
 */
export interface LedgerPolicy {
  /** Q2 (policy): places admissions plus grants outstanding may run ahead of confirmed readmissions. */
  tolerance: number;
  /** Q2 (policy): places released in one ISO week, at most. */
  weeklyCap: number;
  /** Q2 (policy): a ramp-up schedule that may limit the weekly cap further; none by default. */
  rampUp: RampUpStep[];
  /** Q4 (policy): intake pauses by itself when the imbalance passes this number of places; off (undefined) by default. */
  autoPauseImbalance?: number;
  /** E6 (policy): the priority order among held EOIs. */
  priority: LedgerPriorityPolicy;
  /**
   * Demonstration only: the ledger's clock runs this many times faster than real time from the moment
   * it opens (1 = real time), so a compressed pilot has weeks, caps and reports of its own. Production leaves it at 1.
   */
  timeCompression: number;
}

/** Defaults from RULES.md. */
export const DEFAULT_LEDGER_POLICY: LedgerPolicy = {
  tolerance: 0,
  weeklyCap: 50,
  rampUp: [],
  autoPauseImbalance: undefined,
  priority: { nationalities: [], ukLinkFirst: true },
  timeCompression: 1,
};

/**
 * The defaults with a ledger's overrides (a whole `priority` or `rampUp` replaces the default one).
 * Malformed overrides are passed through untouched for {@link ledgerPolicyProblems} to name, never thrown on.
 */
export function ledgerPolicyOf(overrides: Partial<LedgerPolicy> = {}): LedgerPolicy {
  const policy: LedgerPolicy = { ...DEFAULT_LEDGER_POLICY, ...overrides };
  const rampUp = Array.isArray(policy.rampUp) ? [...policy.rampUp].sort((a, b) => compareIsoWeeks(String(a?.fromIsoWeek), String(b?.fromIsoWeek))) : policy.rampUp;
  const nationalities = policy.priority?.nationalities;
  return {
    ...policy,
    rampUp,
    priority: { ...policy.priority, nationalities: Array.isArray(nationalities) ? nationalities.map((code) => (typeof code === 'string' ? code.toUpperCase() : code)) : nationalities },
  };
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** What is wrong with a policy, one sentence per problem; empty when it can be used. */
export function ledgerPolicyProblems(policy: LedgerPolicy): string[] {
  const problems: string[] = [];
  if (!isCount(policy.tolerance)) problems.push('tolerance must be a whole number of places, 0 or more');
  if (!isCount(policy.weeklyCap) || policy.weeklyCap < 1) problems.push('weeklyCap must be a whole number of places, 1 or more');
  if (!Array.isArray(policy.rampUp)) problems.push('rampUp must be a list of { fromIsoWeek, weeklyCap }');
  else
    for (const step of policy.rampUp) {
      if (typeof step !== 'object' || step === null) {
        problems.push('rampUp: each step must be { fromIsoWeek, weeklyCap }');
        continue;
      }
      if (!isIsoWeek(step.fromIsoWeek)) problems.push(`rampUp: ${String(step.fromIsoWeek)} is not an ISO week such as 2025-W40`);
      if (!isCount(step.weeklyCap)) problems.push(`rampUp: the cap from ${String(step.fromIsoWeek)} must be a whole number of places, 0 or more`);
    }
  if (policy.autoPauseImbalance !== undefined && (typeof policy.autoPauseImbalance !== 'number' || !Number.isInteger(policy.autoPauseImbalance))) {
    problems.push('autoPauseImbalance must be a whole number of places, or left out to switch auto-pause off');
  }
  if (!policy.priority || !Array.isArray(policy.priority.nationalities) || policy.priority.nationalities.some((code) => typeof code !== 'string' || !/^[A-Z]{3}$/.test(code))) {
    problems.push('priority.nationalities must be a list of ISO 3166-1 alpha-3 codes such as ERI');
  }
  if (typeof policy.priority?.ukLinkFirst !== 'boolean') problems.push('priority.ukLinkFirst must be true or false');
  if (typeof policy.timeCompression !== 'number' || !(policy.timeCompression >= 1)) problems.push('timeCompression must be a number, 1 or more');
  return problems;
}

/**
 * Q2: the cap of an ISO week. The weekly cap always applies; the ramp-up step in force (the latest one
 * that has started) may only lower it. Before the first step, and without a schedule, the weekly cap alone.
 */
export function weeklyCapFor(policy: LedgerPolicy, week: IsoWeek): number {
  let inForce: RampUpStep | undefined;
  for (const step of policy.rampUp) {
    const started = compareIsoWeeks(step.fromIsoWeek, week) <= 0;
    if (started && (!inForce || compareIsoWeeks(step.fromIsoWeek, inForce.fromIsoWeek) > 0)) inForce = step;
  }
  return inForce ? Math.min(policy.weeklyCap, inForce.weeklyCap) : policy.weeklyCap;
}
