import type { HistoryRecord } from '../history';
import { type InvariantCheck, type InvariantResult, Violations } from './invariant-result';

/**
 * The history is whole, so the other invariants are not proven vacuously: it starts with run-started and
 * ends with run-ended, `seq` increases, it holds the final state (workflows and the ledger), every request
 * has its answer and every fault was healed.
 */
export class HistoryCompleteCheck implements InvariantCheck {
  private readonly complete: Violations;
  private count = 0;
  private lastSeq = 0;
  private runStarted = 0;
  private runEndedSeq: number | undefined;
  private lastRecordType: string | undefined;
  private workflowViews = false;
  private ledgerHistory = false;
  private readonly unanswered = new Set<string>();
  private readonly unhealed = new Map<string, string>();

  constructor(maxExamples: number) {
    this.complete = new Violations({ id: 'history-complete', title: 'the history is whole: run start and end, final state, answers and healings' }, maxExamples);
  }

  observe(record: HistoryRecord): void {
    this.count += 1;
    if (record.seq <= this.lastSeq) this.complete.add(`seq ${record.seq} follows seq ${this.lastSeq}`);
    this.lastSeq = record.seq;
    this.lastRecordType = record.type;
    if (record.type === 'run-started') {
      this.runStarted += 1;
      if (this.count !== 1) this.complete.add(`run-started at seq ${record.seq} is not the first record`);
    } else if (record.type === 'run-ended') this.runEndedSeq = record.seq;
    else if (record.type === 'workflow-views') this.workflowViews = true;
    else if (record.type === 'ledger-history') this.ledgerHistory = true;
    else if (record.type === 'command-sent') this.unanswered.add(record.requestId);
    else if (record.type === 'command-answered') {
      if (!this.unanswered.delete(record.requestId)) this.complete.add(`answer to ${record.requestId} (seq ${record.seq}) without its request before it`);
    } else if (record.type === 'fault-injected') this.unhealed.set(record.faultId, `${record.kind} ${record.target}`);
    else if (record.type === 'fault-healed') {
      if (!this.unhealed.delete(record.faultId)) this.complete.add(`fault ${record.faultId} healed (seq ${record.seq}) without being injected and unhealed before`);
    }
  }

  results(): InvariantResult[] {
    if (this.runStarted === 0) this.complete.add('no run-started record');
    if (this.runStarted > 1) this.complete.add(`${this.runStarted} run-started records`);
    if (this.runEndedSeq === undefined) this.complete.add('no run-ended record: the run was cut short');
    else if (this.lastRecordType !== 'run-ended') this.complete.add(`records after run-ended (seq ${this.runEndedSeq})`);
    if (!this.workflowViews) this.complete.add('no workflow-views record: the final state is missing');
    if (!this.ledgerHistory) this.complete.add('no ledger-history record: the final state is missing');
    for (const requestId of this.unanswered) this.complete.add(`request ${requestId} has no answer record`);
    for (const [faultId, what] of this.unhealed) this.complete.add(`fault ${faultId} (${what}) never healed`);
    return [this.complete.result()];
  }
}
