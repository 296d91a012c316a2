import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { eoiWorkflowId, readmissionWorkflowId } from '@oioo/contracts';
import { type DecodedHistoryEvent, type HistoryDecoder } from './history-events';

/** One of the person's cases, as identity links it to them. */
export interface PersonCase {
  kind: 'readmission' | 'eoi';
  id: string;
}

/** One run of a case's workflow (continue-as-new starts another) with its decoded history. */
export interface CaseRun {
  runId: string;
  status: string;
  startedAt?: string;
  closedAt?: string;
  events: DecodedHistoryEvent[];
}

/** A case's histories: every run of its workflow. */
export interface CaseHistory {
  kind: PersonCase['kind'];
  caseId: string;
  workflowId: string;
  runs: CaseRun[];
}

/** Reads a case's histories; Temporal below, or a spec's fake. */
export interface CaseHistories {
  read(found: PersonCase, signal: AbortSignal): Promise<CaseHistory>;
}

/**
 * The case histories in Temporal: every run of the case's workflow (found through visibility, so runs before a
 * continue-as-new are included; the latest run is asked for directly when visibility has not caught up yet),
 * each history downloaded and decoded. A case Temporal no longer holds has no runs.
 */
export class TemporalCaseHistories implements CaseHistories {
  constructor(
    private readonly client: Client,
    private readonly decoder: HistoryDecoder,
  ) {}

  async read(found: PersonCase, signal: AbortSignal): Promise<CaseHistory> {
    const workflowId = found.kind === 'readmission' ? readmissionWorkflowId(found.id) : eoiWorkflowId(found.id);
    const runs: { runId: string; status: string; startedAt?: string; closedAt?: string }[] = [];
    for await (const execution of this.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
      if (signal.aborted) break;
      runs.push({ runId: execution.runId, status: execution.status.name, startedAt: execution.startTime.toISOString(), ...(execution.closeTime ? { closedAt: execution.closeTime.toISOString() } : {}) });
    }
    if (runs.length === 0) {
      try {
        const latest = await this.client.workflow.getHandle(workflowId).describe();
        runs.push({ runId: latest.runId, status: latest.status.name, startedAt: latest.startTime.toISOString(), ...(latest.closeTime ? { closedAt: latest.closeTime.toISOString() } : {}) });
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      }
    }
    runs.sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? ''));
    const decoded: CaseRun[] = [];
    for (const run of runs) {
      if (signal.aborted) break;
      const history = await this.client.workflow.getHandle(workflowId, run.runId).fetchHistory();
      decoded.push({ ...run, events: await this.decoder.decode(workflowId, history) });
    }
    return { kind: found.kind, caseId: found.id, workflowId, runs: decoded };
  }
}
