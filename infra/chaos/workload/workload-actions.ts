import { type EventEnvelope, type SourceSystem } from '@oioo/contracts';

/** Which case an action belongs to: a readmission case (by case id) or an EOI case (by EOI id). */
export interface ActionFlow {
  kind: 'readmission' | 'eoi';
  id: string;
}

/**
 * A fact the platform itself produces, which an agency's event must quote or wait for. The platform makes
 * up these references at run time (`req_`, `mov_`, `vac_`, `sec_`, `trv_` are random), so the schedule
 * cannot know them: the runner reads them from what the platform published (the topic named) and fills them
 * in with `materialiseAction`.
 */
export type AwaitedFact =
  /** The `requestNumber`th readmission request sent for the case (`readmission.request.sent.v1`). */
  | { fact: 'readmission-request'; topic: string; caseId: string; requestNumber: number }
  /** The `attempt`th distinct movement whose manifest lists the case (`transport.manifest.notified.v1`); escorts record boarding at its `departsAt`. */
  | { fact: 'manifest'; topic: string; caseId: string; attempt: number }
  /** Identity asked the EOI's adults to confirm their presence (`eoi-portal.presence.requested.v1`). */
  | { fact: 'presence-request'; topic: string; eoiId: string }
  /** Identity booked the EOI into the visa centre (`vac.appointment.booked.v1`). */
  | { fact: 'appointment'; topic: string; eoiId: string }
  /** Legal review asked for the EOI's security checks (`security.check.requested.v1`). */
  | { fact: 'security-check-request'; topic: string; eoiId: string }
  /** Transport booked the EOI's journey (`transport.travel.booked.v1`). */
  | { fact: 'travel'; topic: string; eoiId: string };

/** One value to copy from the awaited fact's data into the envelope: `from` names the fact's field, `path` where it goes. */
export interface Binding {
  path: readonly (string | number)[];
  from: 'requestReference' | 'movementId' | 'appointmentReference' | 'checkReference' | 'travelReference' | 'arrivalPort';
}

/** What every action says: when (simulated and real), which case, and its place in the schedule. */
interface ActionBase {
  /** Position in the schedule (0, 1, 2, ...), in time order. */
  seq: number;
  /** Simulated milliseconds since the workload's start. */
  simOffsetMs: number;
  /** Real milliseconds since the run's start, after compression: when the runner should take the action. */
  realOffsetMs: number;
  /** Simulated instant, ISO 8601. */
  simAt: string;
  flow: ActionFlow;
  /** What the action stands for in the case's life cycle (`arrival`, `france-reply`, `screening`, ...). */
  step: string;
}

/** An agency (Border Force, France, escorts, courts, the portal, the visa centre, the security services) publishes an event. */
export interface PublishAction extends ActionBase {
  kind: 'publish';
  topic: string;
  /** The Kafka key: the envelope's subject (an opaque id, S3). */
  key: string;
  source: SourceSystem;
  /** The whole event, valid against the topic's envelope schema; references named in `bindings` are placeholders until bound. */
  envelope: EventEnvelope<unknown>;
  /** Platform facts to wait for before publishing (their references fill `bindings`). */
  awaits?: AwaitedFact;
  bindings: readonly Binding[];
  /** Paths of the envelope's timestamps: the runner sets them to the moment it publishes, on the platform's clock. */
  timePaths: readonly (readonly (string | number)[])[];
}

/** The role a step needs, and which of two people takes it (S1: the approver is never the proposer). */
export type StepRole = 'caseworker' | 'senior-caseworker' | 'liaison-officer';

/** A person takes a human step through the casework API. */
export interface StepAction extends ActionBase {
  kind: 'step';
  /** The casework API's operation id (`recordScreening`, `reviewInadmissibility`, ...). */
  operationId: string;
  method: 'POST';
  /** The route with the case's id filled in. */
  path: string;
  /** The request body, valid against the route's body schema (`caseworkStepBodies`). */
  body: Record<string, unknown>;
  role: StepRole;
  /** `proposer` and `approver` must be different people of the case's team (S1). */
  seat: 'proposer' | 'approver';
  /** The case state in which the step is taken; the runner waits for it (the platform may still be working). */
  expectState: string;
  /** Idempotency-Key of the request, fixed by the seed so a retried step is recognised. */
  idempotencyKey: string;
}

/** One action of the workload. */
export type WorkloadAction = PublishAction | StepAction;

/** An action before it has its place and real time: what the life-cycle planners produce. */
export type PlannedAction = Omit<PublishAction, 'seq' | 'realOffsetMs' | 'simAt'> | Omit<StepAction, 'seq' | 'realOffsetMs' | 'simAt'>;
