import { ApplicationFailure, type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';

/** One signal, update or query a fake workflow received (service specs that fake Temporal's client). */
export interface FakeWorkflowCall {
  workflowId: string;
  kind: 'signal' | 'update' | 'query';
  name: string;
  args: unknown[];
}

/** Test support only: how a fake workflow answers a call; it may throw, as a real one refuses an update. */
export type FakeWorkflowResponder = (call: FakeWorkflowCall) => unknown;

/**
 * Test support only: a Temporal client whose workflows are stand-ins. A workflow marked running records
 * every signal, update and query and answers with its responder. A closed one throws
 * `WorkflowNotFoundError` to signals and updates, as the server does once a workflow has completed, but
 * still answers queries if given a responder; any other ID throws `WorkflowNotFoundError` to everything.
 */
export class FakeTemporalClient {
  readonly calls: FakeWorkflowCall[] = [];
  private readonly running = new Map<string, FakeWorkflowResponder>();
  private readonly closed = new Map<string, FakeWorkflowResponder>();

  /** Marks the workflow running; `respond` answers its calls (by default: nothing). */
  run(workflowId: string, respond: FakeWorkflowResponder = () => undefined): this {
    this.closed.delete(workflowId);
    this.running.set(workflowId, respond);
    return this;
  }

  /** The workflow completes; `answerQueries`, if given, answers the queries a completed workflow still takes. */
  close(workflowId: string, answerQueries?: FakeWorkflowResponder): void {
    this.running.delete(workflowId);
    if (answerQueries) this.closed.set(workflowId, answerQueries);
  }

  /** Calls one workflow received, in order. */
  callsTo(workflowId: string): FakeWorkflowCall[] {
    return this.calls.filter((call) => call.workflowId === workflowId);
  }

  /** The fake, typed as the client the code under test injects. */
  asClient(): Client {
    return { workflow: { getHandle: (workflowId: string) => this.handle(workflowId) } } as unknown as Client;
  }

  private handle(workflowId: string) {
    const invoke = async (kind: FakeWorkflowCall['kind'], definition: { name: string } | string, args: unknown[]): Promise<unknown> => {
      const respond = this.running.get(workflowId) ?? (kind === 'query' ? this.closed.get(workflowId) : undefined);
      if (!respond) {
        const message = this.closed.has(workflowId) ? 'workflow execution already completed' : `workflow not found for ID: ${workflowId}`;
        throw new WorkflowNotFoundError(message, workflowId, undefined);
      }
      const call: FakeWorkflowCall = { workflowId, kind, name: typeof definition === 'string' ? definition : definition.name, args };
      this.calls.push(call);
      return respond(call);
    };
    return {
      workflowId,
      signal: async (definition: { name: string } | string, ...args: unknown[]) => {
        await invoke('signal', definition, args);
      },
      executeUpdate: (definition: { name: string } | string, options: { args?: unknown[] } = {}) => invoke('update', definition, options.args ?? []),
      query: (definition: { name: string } | string, ...args: unknown[]) => invoke('query', definition, args),
    };
  }
}

/** Test support only: what the client throws when a workflow refuses an update (its validator or handler threw an ApplicationFailure). */
export function updateRefusedError(type: string, message: string): WorkflowUpdateFailedError {
  return new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type, message, nonRetryable: true }));
}
