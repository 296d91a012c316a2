import {
  type HistoryRecord,
  type HistoryRecordInput,
  type LedgerStep,
  type RecordOf,
  type ServiceTable,
  type Subscription,
  type WorkflowView,
  historyRecordSchema,
} from '../../history';

type Input<T extends HistoryRecord['type']> = Omit<RecordOf<T>, 'seq' | 'at'>;

/** Opaque ids of the healthy run, so specs can plant violations against them. */
export const ids = {
  caseOne: 'case_01JCHAOS000000000001',
  caseTwo: 'case_01JCHAOS000000000002',
  eoi: 'eoi_01JCHAOS000000000001',
  pilot: 'pilot_01JCHAOS00000001',
  personOne: 'per_01JCHAOS000000000001',
  personTwo: 'per_01JCHAOS000000000002',
  applicant: 'per_01JCHAOS000000000003',
  movement: 'mov_01JCHAOS000000000001',
  alice: 'cw_alice0000001',
  bola: 'cw_bola00000001',
  erin: 'cw_erin00000001',
  femi: 'cw_femi00000001',
};

/** Topics of the healthy run. */
export const topics = { arrivals: 'border-force.arrival.recorded.v1', eois: 'eoi-portal.eoi.submitted.v1', handovers: 'france.handover.confirmed.v1' };

/** A chaos run as parts a spec can change before it is turned into records. */
export interface RunScenario {
  subscriptions: Subscription[];
  /** The run's records between start and final state (events, commands, faults), in order. */
  during: HistoryRecordInput[];
  views: WorkflowView[];
  tables: ServiceTable[];
  ledgerSteps: LedgerStep[];
  handedOver: string[];
  arrived: { eoiId: string; personId: string }[];
  /** Time between the last record of the run and the final state, in ms. */
  settleMs: number;
  ended: boolean;
}

/** A published event of the run at the given offset (valid unless said otherwise). */
export function published(topic: string, offset: number, fields: Partial<Input<'event-published'>> = {}): Input<'event-published'> {
  return { type: 'event-published', topic, partition: 0, offset: String(offset), eventId: `evt_${topic.split('.')[1]}_${offset}`, eventKind: topic.split('.').slice(1, 3).join('-'), generated: 'valid', ...fields };
}

/** A consumer group's handling of the event at the given offset. */
export function consumed(group: string, topic: string, offset: number, outcome: 'processed' | 'duplicate' = 'processed'): Input<'event-consumed'> {
  return { type: 'event-consumed', group, topic, partition: 0, offset: String(offset), outcome };
}

/** A dead letter a consumer group made of the event at the given offset. */
export function deadLettered(group: string, topic: string, offset: number, reason = 'data.caseId: must be an opaque id'): Input<'dead-lettered'> {
  return { type: 'dead-lettered', group, sourceTopic: topic, sourcePartition: 0, sourceOffset: String(offset), dlqTopic: `${topic}.dlq`, dlqPartition: 0, dlqOffset: String(offset), reason, kind: 'invalid' };
}

/** A command sent and answered 2xx with the given workflow command id. */
export function acknowledgedCommand(requestId: string, commandId: string, target: Input<'command-sent'>['target'], actor: string, operationId: string): HistoryRecordInput[] {
  return [
    { type: 'command-sent', requestId, operationId, target, idempotencyKey: `key-${requestId}`, actor },
    { type: 'command-answered', requestId, status: 200, commandId },
  ];
}

/** A timeline command of a view. */
export function timelineCommand(commandId: string, step: string, actor: string, fourEyes?: WorkflowView['commands'][number]['fourEyes']): WorkflowView['commands'][number] {
  return { commandId, idempotencyKey: `key-${commandId}`, step, actor, at: '2026-03-02T10:00:00.000Z', ...(fourEyes ? { fourEyes } : {}) };
}

/**
 * A small run in which every invariant holds: two arrivals (one case transferred, one waiting for France's
 * reply), an EOI whose applicant arrived, a handover, two fuzzed events contained, four-eyes decisions by
 * two people each, a worker kill and a partition both healed, and a balanced ledger.
 */
export function healthyScenario(): RunScenario {
  const { caseOne, caseTwo, eoi, pilot, personOne, personTwo, applicant, movement, alice, bola, erin, femi } = ids;
  return {
    subscriptions: [
      { topic: topics.arrivals, groups: ['identity'] },
      { topic: topics.eois, groups: ['identity'] },
      { topic: topics.handovers, groups: ['transport'] },
    ],
    during: [
      published(topics.arrivals, 0, { subject: caseOne, opens: { caseKind: 'readmission', caseId: caseOne } }),
      consumed('identity', topics.arrivals, 0),
      { type: 'fault-injected', faultId: 'fault_1', kind: 'kill-worker', target: 'worker-1', parameters: { pauseMs: 4000 } },
      published(topics.arrivals, 1, { subject: caseTwo, opens: { caseKind: 'readmission', caseId: caseTwo } }),
      published(topics.arrivals, 2, { eventId: undefined, generated: 'invalid', expected: 'dead-letter', fuzz: 'wrong-type' }),
      published(topics.arrivals, 3, { eventId: 'evt_arrival_0', generated: 'invalid', expected: 'duplicate', fuzz: 'duplicate' }),
      { type: 'fault-healed', faultId: 'fault_1' },
      consumed('identity', topics.arrivals, 1),
      deadLettered('identity', topics.arrivals, 2),
      consumed('identity', topics.arrivals, 3, 'duplicate'),
      published(topics.eois, 0, { subject: eoi, opens: { caseKind: 'eoi', caseId: eoi } }),
      consumed('identity', topics.eois, 0),
      ...acknowledgedCommand('req_1', 'cmd_inadmissibility_propose', { kind: 'readmission', id: caseOne }, alice, 'proposeInadmissibility'),
      ...acknowledgedCommand('req_2', 'cmd_inadmissibility_review', { kind: 'readmission', id: caseOne }, bola, 'reviewInadmissibility'),
      { type: 'fault-injected', faultId: 'fault_2', kind: 'partition', target: 'link:transport:kafka', parameters: { durationMs: 30000 } },
      ...acknowledgedCommand('req_3', 'cmd_removal_propose', { kind: 'readmission', id: caseOne }, alice, 'proposeRemovalDirections'),
      ...acknowledgedCommand('req_4', 'cmd_removal_review', { kind: 'readmission', id: caseOne }, bola, 'reviewRemovalDirections'),
      { type: 'fault-healed', faultId: 'fault_2' },
      published(topics.handovers, 0, { subject: caseOne }),
      consumed('transport', topics.handovers, 0),
      ...acknowledgedCommand('req_5', 'cmd_grant_propose', { kind: 'eoi', id: eoi }, erin, 'proposeDecision'),
      { type: 'command-sent', requestId: 'req_6', operationId: 'reviewDecision', target: { kind: 'eoi', id: eoi }, idempotencyKey: 'key-req_6', actor: femi },
      { type: 'command-answered', requestId: 'req_6', error: 'timeout' },
      ...acknowledgedCommand('req_7', 'cmd_grant_review', { kind: 'eoi', id: eoi }, femi, 'reviewDecision'),
    ],
    views: [
      {
        workflowId: `readmission:${caseOne}`,
        kind: 'readmission',
        caseId: caseOne,
        state: 'transferred',
        closed: true,
        commands: [
          timelineCommand('cmd_inadmissibility_propose', 'proposeInadmissibility', alice, { decision: 'inadmissibility', role: 'propose' }),
          timelineCommand('cmd_inadmissibility_review', 'reviewInadmissibility', bola, { decision: 'inadmissibility', role: 'approve' }),
          timelineCommand('cmd_removal_propose', 'proposeRemovalDirections', alice, { decision: 'removal-directions', role: 'propose' }),
          timelineCommand('cmd_removal_review', 'reviewRemovalDirections', bola, { decision: 'removal-directions', role: 'approve' }),
        ],
        pendingTimers: 0,
        waitingOnPerson: false,
      },
      { workflowId: `readmission:${caseTwo}`, kind: 'readmission', caseId: caseTwo, state: 'awaiting-reply', closed: false, commands: [], pendingTimers: 1, nextDeadline: '2026-03-16T09:00:00.000Z', waitingOnPerson: false },
      {
        workflowId: `eoi:${eoi}`,
        kind: 'eoi',
        caseId: eoi,
        state: 'arrived',
        closed: true,
        commands: [
          timelineCommand('cmd_grant_propose', 'proposeDecision', erin, { decision: 'eoi-grant', role: 'propose' }),
          timelineCommand('cmd_grant_review', 'reviewDecision', femi, { decision: 'eoi-grant', role: 'approve' }),
        ],
        pendingTimers: 0,
        waitingOnPerson: false,
      },
      { workflowId: `equivalence-ledger:${pilot}`, kind: 'ledger', caseId: pilot, state: 'open', closed: false, commands: [], pendingTimers: 1, waitingOnPerson: false },
    ],
    tables: [
      { table: 'transport.movements', rows: [{ movementId: movement, capacity: 20, bookedCount: 1 }] },
      { table: 'transport.bookings', rows: [{ movementId: movement, personId: personOne, caseId: caseOne, status: 'booked' }] },
      { table: 'transport.transfers', rows: [{ caseId: caseOne, personId: personOne, movementId: movement, handoverReference: 'hov_01JCHAOS0000000001' }] },
      {
        table: 'identity.arrival-cases',
        rows: [
          { recordCaseId: caseOne, personId: personOne, openedCaseId: caseOne },
          { recordCaseId: caseTwo, personId: personTwo, openedCaseId: caseTwo },
        ],
      },
      { table: 'legal-review.requests', rows: [{ caseId: caseTwo, requestReference: 'req_01JCHAOS0000000001', status: 'sent' }] },
    ],
    ledgerSteps: [
      { step: 1, at: '2026-03-02T10:00:00.000Z', readmissions: 1, admissions: 0, grantsOutstanding: 0, tolerance: 0 },
      { step: 2, at: '2026-03-02T10:05:00.000Z', readmissions: 1, admissions: 0, grantsOutstanding: 1, tolerance: 0 },
      { step: 3, at: '2026-03-02T10:10:00.000Z', readmissions: 1, admissions: 1, grantsOutstanding: 0, tolerance: 0 },
    ],
    handedOver: [caseOne],
    arrived: [{ eoiId: eoi, personId: applicant }],
    settleMs: 10 * 60_000,
    ended: true,
  };
}

/** Turns a scenario into its history: run-started, the run, the final state, run-ended; seq and a clock advancing a second a record. */
export function buildHistory(scenario: RunScenario): HistoryRecord[] {
  let clock = Date.parse('2026-03-02T09:00:00.000Z');
  const records: HistoryRecord[] = [];
  const add = (input: HistoryRecordInput, advanceMs = 1000) => {
    clock += advanceMs;
    records.push(historyRecordSchema.parse({ ...input, seq: records.length + 1, at: new Date(clock).toISOString() }));
  };
  add({ type: 'run-started', runId: 'run_healthy', seed: 42, settings: { arrivalsPerDay: 110 }, versions: { git: 'abc1234' }, subscriptions: scenario.subscriptions });
  for (const input of scenario.during) add(input);
  add({ type: 'workflow-views', views: scenario.views }, scenario.settleMs);
  add({ type: 'service-tables', tables: scenario.tables });
  add({ type: 'ledger-history', pilotId: ids.pilot, steps: scenario.ledgerSteps, handedOver: scenario.handedOver, arrived: scenario.arrived });
  if (scenario.ended) add({ type: 'run-ended', outcome: 'completed' });
  return records;
}
