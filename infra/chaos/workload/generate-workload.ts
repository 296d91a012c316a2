import { ActionQueue } from './action-queue';
import { planEoi } from './eoi-lifecycle';
import { intakeOfDay } from './intake-model';
import { planReadmission } from './readmission-lifecycle';
import { SeededPrng } from './seeded-prng';
import { DAY_MS, SimTime } from './sim-time';
import { type PlannedAction, type WorkloadAction } from './workload-actions';
import { type WorkloadOptionsInput, parseWorkloadOptions } from './workload-options';

/** Templates of recent arrivals kept for E4's prior entrants: enough variety, bounded memory. */
const REMEMBERED_TEMPLATES = 512;

/**
 * The workload of a pilot (or any span): a time-ordered schedule of agency events and caseworker steps in
 * compressed time, fixed by the seed. It is lazy and can be iterated again (each iteration replays the same
 * schedule): intake is generated a simulated day at a time, each new case's life cycle is planned whole into
 * a queue, and actions leave the queue once no later intake can come before them, so memory holds only the
 * cases in flight, never the year.
 */
export function generateWorkload(input: WorkloadOptionsInput): Iterable<WorkloadAction> {
  const options = parseWorkloadOptions(input);
  return { [Symbol.iterator]: () => run(options) };
}

function* run(options: ReturnType<typeof parseWorkloadOptions>): Generator<WorkloadAction> {
  const root = new SeededPrng(options.seed);
  const time = new SimTime(options.start);
  const queue = new ActionQueue();
  const templates: string[] = [];
  let remembered = 0;
  const context = {
    mix: options.mix,
    lifecycles: options.lifecycles,
    time,
    rememberTemplate(template: string) {
      templates[remembered++ % REMEMBERED_TEMPLATES] = template;
    },
    earlierTemplate(prng: SeededPrng) {
      return templates.length > 0 ? prng.pick(templates) : undefined;
    },
  };
  const push = (actions: PlannedAction[]) => actions.forEach((action) => queue.push(action));
  let seq = 0;
  const emit = (action: PlannedAction): WorkloadAction =>
    ({ ...action, seq: seq++, realOffsetMs: action.simOffsetMs / options.compression, simAt: time.iso(action.simOffsetMs) }) as WorkloadAction;

  let arrivals = 0;
  let eois = 0;
  const days = Math.ceil(options.days);
  for (let day = 0; day < days; day += 1) {
    const intake = intakeOfDay(options, root.fork('day', day), day);
    // Merge the day's arrivals and EOIs in time order, so cases are planned in the order they come.
    let a = 0;
    let e = 0;
    while (a < intake.arrivals.length || e < intake.eois.length) {
      const nextArrival = intake.arrivals[a] ?? Number.POSITIVE_INFINITY;
      const nextEoi = intake.eois[e] ?? Number.POSITIVE_INFINITY;
      if (nextArrival <= nextEoi) {
        push(planReadmission(context, root.fork('arrival', arrivals++), nextArrival));
        a += 1;
      } else {
        push(planEoi(context, root.fork('eoi', eois++), nextEoi));
        e += 1;
      }
    }
    // Nothing planned later can come before the next day's start: everything earlier is final.
    const nextDay = (day + 1) * DAY_MS;
    while (queue.peekTime() < nextDay) yield emit(queue.pop() as PlannedAction);
  }
  while (queue.size > 0) yield emit(queue.pop() as PlannedAction);
}
