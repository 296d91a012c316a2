/**
 * The pilot the platform runs when PILOT_ID is not set: the UK–France agreement in force from
 * 6 August 2025. Every service and the worker must name the same pilot, so they reach the same ledger.
 */
export const DEFAULT_PILOT_ID = 'pilot_ukfr20250806';
