import { type Client, WorkflowNotFoundError } from '@temporalio/client';

/** Test support only: one signal, update or query a running fake workflow received. */
export interface FakeWorkflowCall {
  workflowId: string;
  kind: 'signal' | 'update' | 'query';
  name: string;
  args: unknown[];
}

/** Test support only: how a fake workflow answers a call; it may throw, as a real one refuses an update. */
export type FakeWorkflowResponder = (call: FakeWorkflowCall) => unknown;

/**
 * Test support only: a Temporal client whose workflows are stand-ins. A workflow ID marked running
 * records every signal, update and query and answers with its responder; any other ID throws
 * `WorkflowNotFoundError`, as the server does for a workflow never started or already closed.
 */
export class FakeTemporalClient {
  readonly calls: FakeWorkflowCall[] = [];
  private readonly running = new Map<string, FakeWorkflowResponder>();

  /** Marks the workflow running; `respond` answers its calls (by default: nothing). */
  run(workflowId: string, respond: FakeWorkflowResponder = () => undefined): this {
    this.running.set(workflowId, respond);
    return this;
  }

  /** The workflow closes: later calls find no workflow. */
  close(workflowId: string): void {
    this.running.delete(workflowId);
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
      const respond = this.running.get(workflowId);
      if (!respond) throw new WorkflowNotFoundError(`workflow not found for ID: ${workflowId}`, workflowId, undefined);
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

