import { caseworkStepBodies, topicCatalogue } from '@oioo/contracts';
import { envelopeSchemaOf } from '@oioo/kafka';
import { generateWorkload } from './generate-workload';
import { STEP_ROUTES } from './planned-actions';
import { DAY_MS } from './sim-time';
import { summariseWorkload } from './summarise-workload';
import { type WorkloadAction } from './workload-actions';

const first = (count: number, schedule: Iterable<WorkloadAction>) => {
  const taken: WorkloadAction[] = [];
  for (const action of schedule) {
    taken.push(action);
    if (taken.length >= count) break;
  }
  return taken;
};

/** Every action of a short span, grouped by case, in schedule order. */
function byCase(schedule: Iterable<WorkloadAction>): Map<string, WorkloadAction[]> {
  const cases = new Map<string, WorkloadAction[]>();
  for (const action of schedule) {
    const list = cases.get(action.flow.id) ?? [];
    list.push(action);
    cases.set(action.flow.id, list);
  }
  return cases;
}

describe('generateWorkload', () => {
  const quarter = generateWorkload({ seed: 42, days: 90 });
  let cases: Map<string, WorkloadAction[]>;
  let all: WorkloadAction[];
  beforeAll(() => {
    cases = byCase(quarter);
    all = [...cases.values()].flat();
  });

  it('gives the same schedule for the same seed, and iterating again replays it', () => {
    const once = JSON.stringify(first(3000, generateWorkload({ seed: 11, days: 30 })));
    expect(JSON.stringify(first(3000, generateWorkload({ seed: 11, days: 30 })))).toBe(once);
    const schedule = generateWorkload({ seed: 11, days: 30 });
    expect(JSON.stringify(first(3000, schedule))).toBe(JSON.stringify(first(3000, schedule)));
  });

  it('gives a different schedule for a different seed', () => {
    const a = first(500, generateWorkload({ seed: 1, days: 10 }));
    const b = first(500, generateWorkload({ seed: 2, days: 10 }));
    expect(a.map((action) => action.flow.id)).not.toEqual(b.map((action) => action.flow.id));
  });

  it('is in time order, numbered in sequence, with real offsets compressed from simulated ones', () => {
    const schedule = first(20_000, generateWorkload({ seed: 3, days: 60, compression: 720 }));
    schedule.forEach((action, index) => {
      expect(action.seq).toBe(index);
      expect(action.realOffsetMs).toBeCloseTo(action.simOffsetMs / 720, 6);
      if (index > 0) expect(action.simOffsetMs).toBeGreaterThanOrEqual((schedule[index - 1] as WorkloadAction).simOffsetMs);
    });
  });

  it('publishes only events that pass their topic’s contract schema, keyed by their opaque subject (S3)', () => {
    const publishes = all.filter((action) => action.kind === 'publish');
    expect(publishes.length).toBeGreaterThan(5000);
    for (const action of publishes) {
      const topic = topicCatalogue.find((candidate) => candidate.name === action.topic);
      expect(topic).toBeDefined();
      const parsed = envelopeSchemaOf(topic!).safeParse(action.envelope);
      expect(parsed.success).toBe(true);
      expect(action.envelope.type).toBe(action.topic);
      expect(action.key).toBe(action.envelope.subject);
    }
    expect(new Set(publishes.map((action) => action.kind === 'publish' && action.envelope.eventId)).size).toBe(publishes.length);
  });

  it('takes steps whose bodies pass the casework API’s own schemas, on the route of their case', () => {
    const steps = all.filter((action) => action.kind === 'step');
    expect(steps.length).toBeGreaterThan(5000);
    for (const action of steps) {
      const route = STEP_ROUTES[action.operationId as keyof typeof STEP_ROUTES];
      expect(route.body.safeParse(action.body).success).toBe(true);
      expect(action.path).toBe(`/api/v1/${route.target === 'readmission' ? 'readmission-cases' : 'eoi-cases'}/${action.flow.id}/${route.path}`);
    }
    expect(Object.values(STEP_ROUTES).every((route) => Object.values(caseworkStepBodies).includes(route.body))).toBe(true);
  });

  it('S1: every proposal is followed by a review from the approver seat, a senior caseworker', () => {
    const pairs = [
      ['proposeInadmissibility', 'reviewInadmissibility'],
      ['proposeRemovalDirections', 'reviewRemovalDirections'],
      ['proposeDecision', 'reviewDecision'],
    ] as const;
    for (const actions of cases.values()) {
      const steps = actions.filter((action) => action.kind === 'step');
      for (const [propose, review] of pairs) {
        const proposal = steps.findIndex((action) => action.operationId === propose);
        if (proposal < 0) continue;
        const approval = steps[proposal + 1];
        expect(approval?.kind === 'step' && approval.operationId).toBe(review);
        expect(approval?.kind === 'step' && [approval.role, approval.seat]).toEqual(['senior-caseworker', 'approver']);
      }
    }
  });

  it('R3: the inadmissibility decision that sends the first request is approved within 14 days of arrival', () => {
    for (const actions of cases.values()) {
      const review = actions.find((action) => action.step === 'inadmissibility-review');
      if (!review) continue;
      expect(review.simOffsetMs - (actions[0] as WorkloadAction).simOffsetMs).toBeLessThan(14 * DAY_MS);
    }
  });

  it('R4, R8, R9: replies follow the request, directions follow acceptance, boarding waits 5 days, handover follows boarding', () => {
    const order = ['arrival', 'screening', 'selection', 'detention', 'inadmissibility-proposal', 'inadmissibility-review', 'france-reply', 'removal-directions-proposal', 'removal-directions-review', 'boarding', 'handover'];
    let handovers = 0;
    for (const actions of cases.values()) {
      if (actions[0]?.flow.kind !== 'readmission') continue;
      const at = (step: string) => actions.find((action) => action.step === step)?.simOffsetMs;
      const seen = order.map(at).filter((time): time is number => time !== undefined);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      const served = at('removal-directions-review');
      const boarding = actions.filter((action) => action.step.startsWith('boarding'));
      if (served !== undefined) expect((boarding[0] as WorkloadAction).simOffsetMs - served).toBeGreaterThanOrEqual(5 * DAY_MS);
      if (at('handover') !== undefined) {
        handovers += 1;
        expect(actions.at(-1)?.step).toBe('handover');
        expect(actions.filter((action) => action.step === 'boarding')).toHaveLength(1);
      }
      const replies = actions.filter((action) => action.kind === 'publish' && action.topic === 'france.readmission.replied.v1');
      if (replies.length > 0) expect(at('inadmissibility-review')).toBeLessThan((replies[0] as WorkloadAction).simOffsetMs);
    }
    expect(handovers).toBeGreaterThan(100);
  });

  it('R7: no caseworker step while a challenge holds the case, and nothing after an upheld one', () => {
    let challenged = 0;
    for (const actions of cases.values()) {
      const lodged = actions.find((action) => action.step === 'challenge-lodged');
      const decided = actions.find((action) => action.step === 'challenge-decided');
      if (!lodged || !decided || decided.kind !== 'publish') continue;
      challenged += 1;
      const during = actions.filter((action) => action.kind === 'step' && action.simOffsetMs > lodged.simOffsetMs && action.simOffsetMs < decided.simOffsetMs);
      expect(during).toEqual([]);
      if ((decided.envelope.data as { outcome: string }).outcome === 'upheld') expect(actions.at(-1)).toBe(decided);
    }
    expect(challenged).toBeGreaterThan(5);
  });

  it('E2, E7, E8: EOIs confirm presence, give biometrics, get checked, decided by two people, then arrive, in that order', () => {
    const order = ['eoi-submitted', 'presence-confirmed', 'biometrics-captured', 'security-check-completed', 'decision-proposal', 'decision-review', 'entry-recorded'];
    let admitted = 0;
    for (const actions of cases.values()) {
      if (actions[0]?.flow.kind !== 'eoi') continue;
      const ranks = actions.map((action) => order.indexOf(action.step));
      expect(ranks.every((rank) => rank >= 0)).toBe(true);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      if (ranks.includes(6)) admitted += 1;
    }
    expect(admitted).toBeGreaterThan(50);
  });

  it('names the platform fact each reference waits for, with a well-formed placeholder until it is bound', () => {
    for (const action of all) {
      if (action.kind !== 'publish') continue;
      if (action.bindings.length > 0) expect(action.awaits).toBeDefined();
      for (const binding of action.bindings) {
        const value = binding.path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], action.envelope);
        if (binding.from !== 'arrivalPort') expect(value).toMatch(/^[a-z]+_AWAITED/);
      }
    }
  });

  it('follows the mix: France accepts most requests, some no-shows are rebooked, R11 second records open nothing', () => {
    const summary = summariseWorkload(quarter);
    expect(summary.byStep['france-reply']).toBeGreaterThan(summary.byStep['inadmissibility-review']! * 0.75);
    expect(summary.byStep['boarding-no-show']).toBeGreaterThan(0);
    for (const actions of cases.values()) {
      if (actions[0]?.step === 'arrival-second-record') expect(actions).toHaveLength(1);
    }
  });
});

describe('the arrival and EOI rates over simulated years', () => {
  const years = 4;
  let summary: ReturnType<typeof summariseWorkload>;
  beforeAll(() => {
    summary = summariseWorkload(generateWorkload({ seed: 20250806, days: years * 365, lifecycles: false }));
  });

  it('averages about 110 arrivals and 12 EOIs a day (the reported figures), within 8 %', () => {
    expect(summary.perDay.arrivals.mean).toBeGreaterThan(110 * 0.92);
    expect(summary.perDay.arrivals.mean).toBeLessThan(110 * 1.08);
    expect(summary.perDay.eois.mean).toBeGreaterThan(12 * 0.92);
    expect(summary.perDay.eois.mean).toBeLessThan(12 * 1.08);
    expect(summary.cases.readmission).toBe(summary.byStep['arrival']);
  });

  it('has calm-sea bursts of about 900 arrivals on a few days a year, and ordinary days well below', () => {
    expect(summary.burstDays).toBeGreaterThanOrEqual(years * 5);
    expect(summary.burstDays).toBeLessThanOrEqual(years * 20);
    expect(summary.perDay.arrivals.max).toBeGreaterThanOrEqual(900 * 0.85);
    expect(summary.perDay.arrivals.max).toBeLessThanOrEqual(900 * 1.15);
    expect(summary.perDay.arrivals.p50).toBeLessThan(110);
  });
});

describe('fixed-rate mode', () => {
  it('offers arrivals at a constant real-time rate, without bursts', () => {
    const schedule = [...generateWorkload({ seed: 5, days: 2, compression: 1440, fixedRate: { arrivalsPerSecond: 4 }, lifecycles: false })];
    const arrivals = schedule.filter((action) => action.step === 'arrival');
    // Two simulated days at 1440 are 120 real seconds: 480 arrivals, 250 ms apart.
    expect(arrivals).toHaveLength(480);
    arrivals.slice(1).forEach((action, index) => expect(action.realOffsetMs - (arrivals[index] as WorkloadAction).realOffsetMs).toBeCloseTo(250, 6));
    expect(schedule.filter((action) => action.step === 'eoi-submitted')).toHaveLength(0);
  });

  it('refuses settings whose bursts alone exceed the mean', () => {
    expect(() => generateWorkload({ seed: 1, arrivalsPerDay: 10, burstProbability: 0.5, burstSize: 900 })).toThrow(/burst/);
  });
});
