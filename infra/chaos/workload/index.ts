export { generateWorkload } from './generate-workload';
export { summariseWorkload, type DailyPercentiles, type WorkloadSummary } from './summarise-workload';
export { FactBook, materialiseAction, topicNamed, type FactValues, type MaterialisedEvent } from './materialise-action';
export { SeededPrng, hash32 } from './seeded-prng';
export { STEP_ROUTES, stepPath, type StepOperation } from './planned-actions';
export { parseWorkloadOptions, workloadOptionsSchema, type WorkloadMix, type WorkloadOptions, type WorkloadOptionsInput } from './workload-options';
export type { ActionFlow, AwaitedFact, Binding, PublishAction, StepAction, StepRole, WorkloadAction } from './workload-actions';
