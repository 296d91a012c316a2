import { type SourceSystem, type TopicDefinition, caseworkStepBodies, topicVersion } from '@oioo/contracts';
import { envelopeSchemaOf } from '@oioo/kafka';
import { type z } from 'zod';
import { type SeededPrng } from './seeded-prng';
import { type ActionFlow, type AwaitedFact, type Binding, type PlannedAction, type StepRole } from './workload-actions';

/** What a planner states about an agency's event; the envelope is built and validated here. */
export interface PublishPlan<Data extends z.ZodType> {
  flow: ActionFlow;
  step: string;
  simOffsetMs: number;
  /** Simulated instant of the fact, for the envelope's timestamps. */
  at: string;
  source: SourceSystem;
  subject: string;
  data: z.input<Data>;
  /** Paths inside `data` that hold the moment of the fact. */
  dataTimePaths?: readonly (readonly (string | number)[])[];
  awaits?: AwaitedFact;
  bindings?: readonly Binding[];
  causationId?: string;
}

/**
 * Builds the action of an agency publishing an event, with the envelope the real producer would build
 * (`EventProducer.publish`), validated by the topic's own envelope schema: a model that produced an invalid
 * event would be a bug here, so it throws.
 */
export function publishAction<Data extends z.ZodType>(prng: SeededPrng, topic: TopicDefinition<Data>, plan: PublishPlan<Data>): PlannedAction {
  const eventId = prng.uuid();
  const candidate = {
    eventId,
    type: topic.name,
    source: plan.source,
    subject: plan.subject,
    occurredAt: plan.at,
    schemaVersion: topicVersion(topic.name),
    // One business flow per case: every event of a case shares the case's correlation id.
    correlationId: `${plan.flow.kind}:${plan.flow.id}`,
    ...(plan.causationId === undefined ? {} : { causationId: plan.causationId }),
    data: plan.data,
  };
  const parsed = envelopeSchemaOf(topic).safeParse(candidate);
  if (!parsed.success) throw new Error(`The workload built an invalid ${topic.name} event for ${plan.step}: ${parsed.error.message}`);
  return {
    kind: 'publish',
    flow: plan.flow,
    step: plan.step,
    simOffsetMs: plan.simOffsetMs,
    topic: topic.name,
    key: plan.subject,
    source: plan.source,
    envelope: parsed.data as PlannedEnvelope,
    ...(plan.awaits ? { awaits: plan.awaits } : {}),
    bindings: (plan.bindings ?? []).map((binding) => ({ ...binding, path: ['data', ...binding.path] })),
    timePaths: [['occurredAt'], ...(plan.dataTimePaths ?? []).map((path) => ['data', ...path])],
  };
}

type PlannedEnvelope = Extract<PlannedAction, { kind: 'publish' }>['envelope'];

/** The human steps of the casework API the workload takes: the route, its body schema and who takes it. */
export const STEP_ROUTES = {
  recordScreening: { target: 'readmission', path: 'screening', body: caseworkStepBodies.screeningBody, role: 'caseworker', seat: 'proposer' },
  recordAgeAssessment: { target: 'readmission', path: 'age-assessment', body: caseworkStepBodies.ageAssessmentBody, role: 'caseworker', seat: 'proposer' },
  decideSelection: { target: 'readmission', path: 'selection', body: caseworkStepBodies.selectionBody, role: 'caseworker', seat: 'proposer' },
  recordDetention: { target: 'readmission', path: 'detention', body: caseworkStepBodies.detentionBody, role: 'caseworker', seat: 'proposer' },
  proposeInadmissibility: { target: 'readmission', path: 'inadmissibility-proposal', body: caseworkStepBodies.inadmissibilityProposalBody, role: 'caseworker', seat: 'proposer' },
  reviewInadmissibility: { target: 'readmission', path: 'inadmissibility-review', body: caseworkStepBodies.reviewBody, role: 'senior-caseworker', seat: 'approver' },
  submitCorrectedRequest: { target: 'readmission', path: 'corrected-request', body: caseworkStepBodies.correctedRequestBody, role: 'liaison-officer', seat: 'proposer' },
  proposeRemovalDirections: { target: 'readmission', path: 'removal-directions-proposal', body: caseworkStepBodies.removalDirectionsProposalBody, role: 'caseworker', seat: 'proposer' },
  reviewRemovalDirections: { target: 'readmission', path: 'removal-directions-review', body: caseworkStepBodies.reviewBody, role: 'senior-caseworker', seat: 'approver' },
  proposeDecision: { target: 'eoi', path: 'decision-proposal', body: caseworkStepBodies.decisionProposalBody, role: 'caseworker', seat: 'proposer' },
  reviewDecision: { target: 'eoi', path: 'decision-review', body: caseworkStepBodies.reviewBody, role: 'senior-caseworker', seat: 'approver' },
} as const satisfies Record<string, { target: 'readmission' | 'eoi'; path: string; body: z.ZodType; role: StepRole; seat: 'proposer' | 'approver' }>;

/** The operation id of a step the workload takes. */
export type StepOperation = keyof typeof STEP_ROUTES;

/** The route of a step with the case's id filled in. */
export function stepPath(operationId: StepOperation, id: string): string {
  const route = STEP_ROUTES[operationId];
  return route.target === 'readmission' ? `/api/v1/readmission-cases/${id}/${route.path}` : `/api/v1/eoi-cases/${id}/${route.path}`;
}

/** Builds the action of a person taking a step; the body is checked against the route's own schema. */
export function stepAction<Op extends StepOperation>(
  prng: SeededPrng,
  operationId: Op,
  plan: { flow: ActionFlow; step: string; simOffsetMs: number; expectState: string; body: z.input<(typeof STEP_ROUTES)[Op]['body']> },
): PlannedAction {
  const route = STEP_ROUTES[operationId];
  const parsed = route.body.safeParse(plan.body);
  if (!parsed.success) throw new Error(`The workload built an invalid ${operationId} body: ${parsed.error.message}`);
  return {
    kind: 'step',
    flow: plan.flow,
    step: plan.step,
    simOffsetMs: plan.simOffsetMs,
    operationId,
    method: 'POST',
    path: stepPath(operationId, plan.flow.id),
    body: plan.body as Record<string, unknown>,
    role: route.role,
    seat: route.seat,
    expectState: plan.expectState,
    idempotencyKey: prng.uuid(),
  };
}

/** A placeholder reference for a value the platform makes up at run time: the right shape, so the envelope validates until bound. */
export function awaitedReference(prefix: string, flowId: string): string {
  return `${prefix}_AWAITED${flowId.slice(flowId.indexOf('_') + 1).slice(0, 20)}`;
}
