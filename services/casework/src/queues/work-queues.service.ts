import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { type Client } from '@temporalio/client';
import type { TypedSearchAttributes } from '@temporalio/common';
import type { z } from 'zod';
import { type PersonCaller, ProblemError } from '@oioo/auth';
import { SearchAttributes } from '@oioo/contracts';
import { TEMPORAL_CLIENT } from '@oioo/temporal';
import { queueTeams } from '../access/case-access';
import type { queueQuery } from '../api/query-schemas';
import type { queueItemSchema, queuePageSchema } from '@oioo/contracts';
import { WAITING_STEPS, deadlineView } from '../cases/deadlines';
import { queueClauses } from './queue-clauses';
import { CASEWORK_CONFIG, type CaseworkConfig } from '../config/casework-config';

type QueueQuery = z.infer<typeof queueQuery>;
type QueueItem = z.infer<typeof queueItemSchema>;
/** A page of a work queue. */
export type QueuePage = z.infer<typeof queuePageSchema>;
type Kind = 'readmission' | 'eoi';

/**
 * Work queues read from Temporal visibility, so there is no second copy of case state: the running
 * cases that wait on a person, in the teams the caller may see, nearest deadline first. SQL visibility
 * has no ORDER BY on custom attributes, so a listing reads up to `queueScanLimit` matches and sorts them.
 */
@Injectable()
export class WorkQueues {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(CASEWORK_CONFIG) private readonly config: CaseworkConfig,
  ) {}

  /** One page of the caller's queue with the filters applied. */
  async list(caller: PersonCaller, query: QueueQuery, now = new Date()): Promise<QueuePage> {
    const scope = queueTeams(caller, query.team);
    if (!scope.national && query.team && query.team !== caller.team) {
      throw new ProblemError(HttpStatus.FORBIDDEN, 'OTHER_TEAM', 'you work your own team\'s cases only');
    }
    const liaisonOnly = caller.roles.every((role) => role === 'liaison-officer');
    const kinds: Kind[] = liaisonOnly ? ['readmission'] : query.kind ? [query.kind] : ['readmission', 'eoi'];
    if (liaisonOnly && query.kind === 'eoi') throw new ProblemError(HttpStatus.FORBIDDEN, 'FORBIDDEN', 'liaison officers work readmission cases only');
    const offset = offsetOf(query.pageToken);
    if (scope.teams !== 'all' && scope.teams.length === 0) return { items: [], total: 0, countsByStep: {}, truncated: false };

    const items: QueueItem[] = [];
    let truncated = false;
    for (const kind of kinds) {
      const clauses = queueClauses(kind, query, scope.teams, liaisonOnly);
      if (!clauses) continue;
      for await (const execution of this.temporal.workflow.list({ query: clauses.join(' AND ') })) {
        if (items.length >= this.config.queueScanLimit) {
          truncated = true;
          break;
        }
        items.push(itemOf(kind, execution.workflowId, execution.typedSearchAttributes, now));
      }
    }
    items.sort(byNearestDeadline);
    const countsByStep: Record<string, number> = {};
    for (const item of items) countsByStep[item.waitingOn] = (countsByStep[item.waitingOn] ?? 0) + 1;
    const page = items.slice(offset, offset + query.pageSize);
    const next = offset + page.length;
    return { items: page, total: items.length, countsByStep, ...(next < items.length ? { nextPageToken: tokenOf(next) } : {}), truncated };
  }
}

function itemOf(kind: Kind, workflowId: string, attributes: TypedSearchAttributes, now: Date): QueueItem {
  const state = attributes.get(SearchAttributes.caseState) ?? 'unknown';
  const alerts = attributes.get(SearchAttributes.caseAlerts) ?? [];
  const deadline = attributes.get(SearchAttributes.nextDeadline);
  const rule = attributes.get(SearchAttributes.nextDeadlineRule);
  const team = attributes.get(SearchAttributes.caseTeam);
  return {
    kind,
    id: workflowId.slice(workflowId.indexOf(':') + 1),
    ...(team ? { team } : {}),
    state,
    waitingOn: WAITING_STEPS[kind][state] ?? (alerts.includes('escalated') ? 'escalation' : state),
    onHold: attributes.get(SearchAttributes.onHold) ?? false,
    reEntry: attributes.get(SearchAttributes.reEntry) ?? false,
    alerts,
    ...(deadline ? { nextDeadline: deadlineView(rule ?? 'unknown', deadline.toISOString(), now) } : {}),
  };
}

function byNearestDeadline(a: QueueItem, b: QueueItem): number {
  const at = (item: QueueItem) => (item.nextDeadline ? Date.parse(item.nextDeadline.at) : Number.POSITIVE_INFINITY);
  return at(a) - at(b) || a.id.localeCompare(b.id);
}

function tokenOf(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function offsetOf(token: string | undefined): number {
  if (!token) return 0;
  try {
    const offset = (JSON.parse(Buffer.from(token, 'base64url').toString()) as { offset?: unknown }).offset;
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // Falls through to the refusal below.
  }
  throw new ProblemError(HttpStatus.BAD_REQUEST, 'INVALID_INPUT', 'pageToken is not one this API gave out', [{ field: 'pageToken', message: 'is not valid' }]);
}
