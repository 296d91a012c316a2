/** E1: an application window, open from `opensAt` (inclusive) until `closesAt` (exclusive). */
export interface ApplicationWindow {
  opensAt: string;
  closesAt: string;
}

/**
 * The legal-route settings: the periods RULES.md fixes (E2's 24 hours, E7's 3 months) and those it leaves
 * to policy. Configuration with these defaults, never literals in code; an EOI case takes a copy when it
 * opens, so a later change of policy does not rewrite running cases.
 */
export interface EoiPolicy {
  /** E1 (policy): the application windows. */
  windows: ApplicationWindow[];
  /** E2: hours each adult has to confirm their location in France once asked. */
  presenceConfirmationHours: number;
  /** E3: the age from which a person applies in their own right. */
  adultAge: number;
  /** E7 (policy): days an invited applicant has to attend the visa application centre before the invitation lapses. */
  biometricsAttendanceDays: number;
  /**
   * E7 (policy): days the security services have to answer a request for checks before the case is escalated
   * for a caseworker to chase them; the case goes on waiting for the results.
   */
  securityChecksChaseDays: number;
  /** E7: months a grant of entry clearance is valid; unused by then it lapses (Q6). */
  grantValidityMonths: number;
  /** E7 (policy): days between the grant and the earliest journey booked. */
  travelNoticeDays: number;
  /** Demonstration only: every duration is divided by this factor (1 = real time), as for readmission cases. */
  timeCompression: number;
}

/**
 * Defaults. RULES.md leaves the windows to policy; by default one window spans the pilot from the day the
 * agreement came into force, and deployments list theirs in EOI_WINDOWS.
 */
export const DEFAULT_EOI_POLICY: EoiPolicy = {
  windows: [{ opensAt: '2025-08-06T00:00:00.000Z', closesAt: '2027-08-06T00:00:00.000Z' }],
  presenceConfirmationHours: 24,
  adultAge: 18,
  biometricsAttendanceDays: 28,
  securityChecksChaseDays: 30,
  grantValidityMonths: 3,
  travelNoticeDays: 2,
  timeCompression: 1,
};

/** The defaults with a case's overrides. */
export function eoiPolicyOf(overrides: Partial<EoiPolicy> = {}): EoiPolicy {
  return { ...DEFAULT_EOI_POLICY, ...overrides };
}

/** E1: the window open at `at`, if any. */
export function windowOpenAt(policy: EoiPolicy, at: Date): ApplicationWindow | undefined {
  const time = at.getTime();
  return policy.windows.find((window) => new Date(window.opensAt).getTime() <= time && time < new Date(window.closesAt).getTime());
}
