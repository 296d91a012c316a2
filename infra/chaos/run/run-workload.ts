import { type PublishAction, type StepAction, type WorkloadAction, materialiseAction } from '../workload';
import { type CaseStates } from './case-states';
import { type CaseworkSteps } from './casework-steps';
import { awaitFact } from './await-fact';
import { publishWithRetries } from './publish-with-retries';
import { type RunProgress } from './run-progress';
import { type RunRecorder } from './run-recorder';

/** Settings of {@link runWorkload}. */
export interface RunWorkloadOptions {
  schedule: Iterable<WorkloadAction>;
  recorder: RunRecorder;
  steps: CaseworkSteps;
  states: CaseStates;
  /** Actions in flight at most (publishing, waiting for a fact or a state, taking a step). */
  concurrency: number;
  progress: RunProgress;
  /** Ignore the schedule's real offsets and take actions as fast as concurrency allows (fixed-rate runs already space intake). */
  asFastAsAllowed?: boolean;
  /** Actions due later than this (real ms since the start), or not yet started by then, are not taken: the run stops offering work. */
  stopAfterMs?: number;
  /** How long an action may wait for its platform fact or its case's state before it is given up. */
  waitLimitMs?: number;
  /** Stops offering new actions when it resolves (the run is aborted). */
  stopSignal?: AbortSignal;
}

/**
 * Executes a workload against the platform: each agency event is published at its real offset (after the
 * fact it quotes has appeared, boarding at the movement's departure), each caseworker step is taken once the
 * case is in the state the step expects, through the casework API as the right person. The actions of one
 * case run in schedule order (a reply never overtakes the request it answers), different cases run in
 * parallel up to `concurrency`. An action whose fact or state does not come in time is skipped, and so is the
 * rest of its case's plan (the case went another way). Everything published and sent is recorded.
 */
export async function runWorkload(options: RunWorkloadOptions): Promise<void> {
  const start = Date.now();
  // Actions in flight are bounded by `concurrency`; actions waiting behind an earlier action of their case hold
  // no such slot (they would starve other cases), only one of the queue, which bounds the schedule read ahead.
  const running = new Slots(options.concurrency);
  const queued = new Slots(options.concurrency * 20);
  const chains = new Map<string, Promise<void>>();
  // A case whose action was skipped went another way than planned (or never opened): the rest of its plan no longer applies.
  const abandoned = new Set<string>();
  const waitLimitMs = options.waitLimitMs ?? 120_000;
  for (const action of options.schedule) {
    if (options.stopSignal?.aborted) break;
    if (options.stopAfterMs !== undefined && (action.realOffsetMs > options.stopAfterMs || Date.now() - start > options.stopAfterMs)) break;
    if (!options.asFastAsAllowed) await sleep(start + action.realOffsetMs - Date.now());
    await queued.acquire();
    if (action.kind === 'publish') options.recorder.noteFirstRecord(action);
    const flow = `${action.flow.kind}:${action.flow.id}`;
    const previous = chains.get(flow) ?? Promise.resolve();
    options.progress.started();
    const next = previous
      .then(async () => {
        if (abandoned.has(flow)) return 'skipped' as const;
        await running.acquire();
        try {
          return await perform(action, options, waitLimitMs);
        } finally {
          running.release();
        }
      })
      .then(
        (outcome) => {
          if (outcome !== 'done') abandoned.add(flow);
          options.progress.finished(outcome);
        },
        (error: unknown) => {
          abandoned.add(flow);
          options.progress.failed(action, error);
        },
      )
      .finally(() => queued.release());
    chains.set(flow, next);
    void next.then(() => {
      if (chains.get(flow) === next) chains.delete(flow);
    });
  }
  await Promise.all(chains.values());
}

/** What became of one action. */
export type ActionOutcome = 'done' | 'skipped' | 'refused';

async function perform(action: WorkloadAction, options: RunWorkloadOptions, waitLimitMs: number): Promise<ActionOutcome> {
  return action.kind === 'publish' ? publish(action, options, waitLimitMs) : step(action, options, waitLimitMs);
}

async function publish(action: PublishAction, options: RunWorkloadOptions, waitLimitMs: number): Promise<ActionOutcome> {
  const { recorder } = options;
  let fact: ReturnType<typeof recorder.facts.lookup>;
  if (action.awaits) {
    const awaited = action.awaits;
    fact = await awaitFact({ lookup: () => recorder.facts.lookup(awaited), hasEnded: () => options.states.hasEnded(action.flow), limitMs: waitLimitMs });
    if (!fact) return 'skipped';
    // Escorts record boarding at the movement's departure (on the platform's clock, which is the wall clock compressed).
    if (fact.departsAt && awaited.fact === 'manifest') {
      await sleep(Math.min(waitLimitMs, Date.parse(fact.departsAt) - Date.now()));
      await options.states.waitFor(action.flow, 'cleared-for-transfer', Math.min(30_000, waitLimitMs));
    }
  }
  if (action.step === 'arrival-second-record') {
    // R11: Border Force's second record comes hours after the first, which identity has long handled; in
    // compressed time the two are milliseconds apart on different partitions, so the second waits for the
    // first record's case, or identity could meet them in the other order and open the case under the second.
    const first = recorder.firstRecordCase(action);
    if (first) await poll(async () => ((await options.states.stateOf({ kind: 'readmission', id: first })) === undefined ? undefined : true), waitLimitMs);
  }
  // R11: a second record is of the same crossing, so it carries the first record's crossing time; stamped
  // with its own publishing moment it would read as a later crossing, which identity rightly opens a case for
  // once the first case has ended (an arrival without crossing evidence ends at once).
  const crossingTime = action.step === 'arrival-second-record' ? recorder.firstRecordArrivedAt(action) : undefined;
  const event = materialiseAction(action, { ...(fact ? { fact } : {}), now: new Date(), ...(crossingTime ? { keepTimes: [{ path: ['data', 'arrivedAt'], value: crossingTime }] } : {}) });
  await publishWithRetries(() => recorder.publishEvent(action, event), waitLimitMs);
  return 'done';
}

async function step(action: StepAction, options: RunWorkloadOptions, waitLimitMs: number): Promise<ActionOutcome> {
  if (!(await options.states.waitFor(action.flow, action.expectState, waitLimitMs))) return 'skipped';
  const outcome = await options.steps.take(action);
  if (outcome.kind === 'acknowledged') return 'done';
  if (outcome.kind === 'refused') return 'refused';
  throw new Error(`${action.operationId} gave up after retries`);
}

async function poll<T>(read: () => T | undefined | Promise<T | undefined>, limitMs: number, everyMs = 200): Promise<T | undefined> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await read();
    if (value !== undefined || Date.now() >= deadline) return value;
    await sleep(everyMs);
  }
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** A counting semaphore: at most `size` holders at once. */
class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = Math.max(1, size);
  }

  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free += 1;
  }
}
