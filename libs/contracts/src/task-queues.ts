/** Temporal task queues, one per bounded context so each can scale and deploy on its own. */
export const TaskQueues = {
  /** Readmission case workflows and the activities they call. */
  readmission: 'oioo-readmission',
  /** EOI case workflows on the legal route and the activities they call. */
  legalRoute: 'oioo-legal-route',
  /** The equivalence ledger of the pilot (one long-lived entity workflow). */
  equivalence: 'oioo-equivalence',
  /** Platform workflows such as the health probe. */
  platform: 'oioo-platform',
} as const;

/** A task queue name. */
export type TaskQueue = (typeof TaskQueues)[keyof typeof TaskQueues];
