import type { z } from 'zod';
import type { queueQuery } from '../api/query-schemas';
import { WAITING_STEPS } from '../cases/deadlines';

type QueueQuery = z.infer<typeof queueQuery>;

/** The liaison desk's work: France-facing corrections, and cases escalated because France fell silent (R4, R10) or has not confirmed a handover (R9). */
const LIAISON_CLAUSE = `(CaseState = 'refused-correctable' OR CaseAlerts = 'escalated')`;
/** An EOI's alert: its security checks went unanswered past their chase deadline (E7). */
const EOI_ESCALATION_CLAUSE = `CaseAlerts = 'escalated'`;

/**
 * The visibility query's clauses for one kind of case in a work queue, or undefined when the filters rule the
 * kind out. Every value comes from the schema-checked query or our own constants, never free text.
 */
export function queueClauses(kind: 'readmission' | 'eoi', query: QueueQuery, teams: 'all' | string[], liaisonOnly: boolean): string[] | undefined {
  const steps = WAITING_STEPS[kind];
  const states = Object.keys(steps).filter((state) => !query.step || steps[state] === query.step);
  // E7: an EOI whose security checks went unanswered waits on a caseworker to chase them.
  const eoiEscalations = kind === 'eoi' && (!query.step || query.step === 'escalation');
  if (states.length === 0 && !eoiEscalations && !(liaisonOnly && query.step === 'escalation')) return undefined;
  const clauses = [`ExecutionStatus = 'Running'`, `CaseKind = '${kind}'`];
  const inStates = states.length > 0 ? `CaseState IN (${states.map((state) => `'${state}'`).join(', ')})` : undefined;
  if (liaisonOnly) clauses.push(query.step ? (query.step === 'escalation' ? `CaseAlerts = 'escalated'` : `CaseState = 'refused-correctable'`) : LIAISON_CLAUSE);
  else if (eoiEscalations) clauses.push(inStates ? `(${inStates} OR ${EOI_ESCALATION_CLAUSE})` : EOI_ESCALATION_CLAUSE);
  else if (inStates) clauses.push(inStates);
  if (teams !== 'all') clauses.push(`CaseTeam IN (${teams.map((team) => `'${team}'`).join(', ')})`);
  if (query.onHold !== undefined) clauses.push(`OnHold = ${query.onHold}`);
  if (query.reEntry !== undefined) clauses.push(`ReEntry = ${query.reEntry}`);
  if (query.alert) clauses.push(`CaseAlerts = '${query.alert}'`);
  return clauses;
}
