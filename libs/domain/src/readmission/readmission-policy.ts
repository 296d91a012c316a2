/**
 * The readmission settings RULES.md marks as policy: configuration with these defaults, never literals
 * in code. A case takes a copy when it opens, so a later change of policy does not rewrite running cases.
 */
export interface ReadmissionPolicy {
  /** R4: days France has to reply to a request. */
  replyDays: number;
  /** R4: days France has when it extends its reply in exceptional cases. */
  extendedReplyDays: number;
  /** R4 (policy): at France's silent deadline the case is escalated to the liaison desk, not closed. */
  silenceAction: 'escalate';
  /** R6 (policy): months from arrival to transfer before the target is breached (alert only). */
  targetMonths: number;
  /** R8 (policy): days of notice between serving removal directions and the transfer. */
  noticeDays: number;
  /** R9 (policy): designated French entry point. */
  entryPoint: string;
  /** R9 (policy): seats per scheduled movement. */
  movementCapacity: number;
  /** R9 (policy): hours before departure by which France is sent the manifest. */
  manifestNoticeHours: number;
  /** R5: hours before departure at which bars to transfer are checked again. */
  preTransferCheckHours: number;
  /**
   * R9 (platform policy): hours after departure by which France's handover confirmation is expected; past
   * them the case is escalated to the liaison desk, so a confirmation that never comes is chased, not waited
   * for forever. Absent on cases opened before it: they take the default.
   */
  handoverConfirmationHours?: number;
  /**
   * Demonstration only: every duration is divided by this factor (1 = real time). `npm start` with the
   * simulators on uses it so a case runs to its end in minutes; production leaves it at 1.
   */
  timeCompression: number;
}

/** Defaults from RULES.md. */
export const DEFAULT_READMISSION_POLICY: ReadmissionPolicy = {
  replyDays: 14,
  extendedReplyDays: 28,
  silenceAction: 'escalate',
  targetMonths: 3,
  noticeDays: 5,
  entryPoint: 'Paris-CDG',
  movementCapacity: 20,
  manifestNoticeHours: 48,
  preTransferCheckHours: 6,
  handoverConfirmationHours: 24,
  timeCompression: 1,
};
