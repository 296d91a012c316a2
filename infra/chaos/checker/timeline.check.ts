import type { HistoryRecord, WorkflowView } from '../history';
import { type InvariantCheck, type InvariantResult, Violations } from './invariant-result';

/**
 * Commands against the timelines: no timeline holds one command (id or Idempotency-Key) twice; every
 * four-eyes decision has two different people (S1); every command the API acknowledged is in a timeline (S2).
 */
export class TimelineCheck implements InvariantCheck {
  private readonly once: Violations;
  private readonly fourEyes: Violations;
  private readonly acknowledged: Violations;
  /** Requests sent and not yet answered: their target, to name it in an example. */
  private readonly inFlight = new Map<string, string>();
  /** Command ids the API answered 2xx with, and the case each was for. */
  private readonly acknowledgedCommands = new Map<string, string>();
  private readonly recordedCommands = new Set<string>();

  constructor(maxExamples: number) {
    this.once = new Violations({ id: 'command-once-in-timeline', title: 'no timeline holds one command (command id or Idempotency-Key) twice' }, maxExamples);
    this.fourEyes = new Violations({ id: 'four-eyes', rule: 'S1', title: 'every inadmissibility, removal directions and EOI grant approved by another person than its proposer' }, maxExamples);
    this.acknowledged = new Violations({ id: 'acknowledged-command-recorded', rule: 'S2', title: "every command the API acknowledged is in its case's timeline" }, maxExamples);
  }

  observe(record: HistoryRecord): void {
    if (record.type === 'command-sent') {
      this.inFlight.set(record.requestId, `${record.target.kind}:${record.target.id}`);
    } else if (record.type === 'command-answered') {
      const target = this.inFlight.get(record.requestId);
      this.inFlight.delete(record.requestId);
      const ok = record.status !== undefined && record.status >= 200 && record.status < 300;
      if (ok && record.commandId) this.acknowledgedCommands.set(record.commandId, target ?? 'unknown target');
    } else if (record.type === 'workflow-views') {
      for (const view of record.views) this.checkView(view);
    }
  }

  results(): InvariantResult[] {
    for (const [commandId, target] of this.acknowledgedCommands) {
      if (!this.recordedCommands.has(commandId)) this.acknowledged.add(`${target}: ${commandId} acknowledged but in no timeline`);
    }
    return [this.once.result(), this.fourEyes.result(), this.acknowledged.result()];
  }

  private checkView(view: WorkflowView): void {
    const name = `${view.kind}:${view.caseId}`;
    const ids = new Set<string>();
    const keys = new Set<string>();
    // S1: the proposal awaiting review for each kind of decision, and who made it.
    const proposals = new Map<string, string>();
    for (const command of view.commands) {
      this.recordedCommands.add(command.commandId);
      if (ids.has(command.commandId)) this.once.add(`${name}: command ${command.commandId} twice`);
      ids.add(command.commandId);
      if (command.idempotencyKey !== undefined) {
        if (keys.has(command.idempotencyKey)) this.once.add(`${name}: Idempotency-Key ${command.idempotencyKey} twice (${command.commandId})`);
        keys.add(command.idempotencyKey);
      }
      const part = command.fourEyes;
      if (!part) continue;
      if (part.role === 'propose') {
        proposals.set(part.decision, command.actor);
        continue;
      }
      const proposer = proposals.get(part.decision);
      proposals.delete(part.decision);
      if (part.role !== 'approve') continue;
      if (proposer === undefined) this.fourEyes.add(`${name}: ${part.decision} approved by ${command.actor} (${command.commandId}) with no proposal before it`);
      else if (proposer === command.actor) this.fourEyes.add(`${name}: ${part.decision} proposed and approved by ${command.actor} (${command.commandId})`);
    }
  }
}
