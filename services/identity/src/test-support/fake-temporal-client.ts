import { type Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';

/** Test support only: a workflow the fake started, with its first signal. */
export interface StartedWorkflow {
  workflowType: string;
  workflowId: string;
  taskQueue: string;
  args: unknown[];
  workflowIdReusePolicy: unknown;
}

/** Test support only: a signal the fake delivered to a running workflow. */
export interface DeliveredSignal {
  workflowId: string;
  signal: string;
  args: unknown[];
}

interface SignalWithStartOptions {
  workflowId: string;
  taskQueue: string;
  args?: unknown[];
  signal: string | { name: string };
  signalArgs?: unknown[];
  workflowIdReusePolicy?: unknown;
}

const nameOf = (definition: string | { name: string }) => (typeof definition === 'string' ? definition : definition.name);

/**
 * Test support only: the part of the Temporal client the services use (signal-with-start, signal through a
 * handle), in memory, with the server's answers for the cases the services handle: a closed workflow
 * under REJECT_DUPLICATE throws WorkflowExecutionAlreadyStartedError, a signal to (or a description of) a
 * workflow that is not running throws WorkflowNotFoundError, unless it ended, when it is described as completed. Workflows never run; tests end them with {@link end}.
 */
export class FakeTemporalClient {
  /** Every workflow started, in order. */
  readonly starts: StartedWorkflow[] = [];
  /** Every signal delivered (including signal-with-start's), in order. */
  readonly signals: DeliveredSignal[] = [];
  /** When set, every call fails with it, as when the server is unreachable. */
  failure: Error | undefined;
  private readonly running = new Set<string>();
  private readonly closed = new Map<string, Date>();

  /** The `client.workflow` methods the services call. */
  readonly workflow = {
    signalWithStart: async (workflow: string | ((...args: never[]) => unknown), options: SignalWithStartOptions) => {
      this.failIfAsked();
      const workflowType = typeof workflow === 'string' ? workflow : workflow.name;
      if (!this.running.has(options.workflowId)) {
        if (this.closed.has(options.workflowId) && options.workflowIdReusePolicy === WorkflowIdReusePolicy.REJECT_DUPLICATE) {
          throw new WorkflowExecutionAlreadyStartedError('Workflow execution already started', options.workflowId, workflowType);
        }
        this.running.add(options.workflowId);
        this.starts.push({ workflowType, workflowId: options.workflowId, taskQueue: options.taskQueue, args: options.args ?? [], workflowIdReusePolicy: options.workflowIdReusePolicy });
      }
      this.signals.push({ workflowId: options.workflowId, signal: nameOf(options.signal), args: options.signalArgs ?? [] });
      return { workflowId: options.workflowId };
    },
    getHandle: (workflowId: string) => ({
      workflowId,
      signal: async (definition: string | { name: string }, ...args: unknown[]) => {
        this.failIfAsked();
        if (!this.running.has(workflowId)) throw new WorkflowNotFoundError('workflow not found', workflowId, undefined);
        this.signals.push({ workflowId, signal: nameOf(definition), args });
      },
      describe: async () => {
        this.failIfAsked();
        if (this.running.has(workflowId)) return { workflowId, status: { name: 'RUNNING' } };
        const closedAt = this.closed.get(workflowId);
        if (closedAt) return { workflowId, status: { name: 'COMPLETED' }, closeTime: closedAt };
        throw new WorkflowNotFoundError('workflow not found', workflowId, undefined);
      },
    }),
  };

  /** What the platform's health indicator closes at shutdown. */
  readonly connection = { close: async () => undefined };

  /** Ends a running workflow (completed, failed or terminated alike). */
  end(workflowId: string): void {
    this.running.delete(workflowId);
    this.closed.set(workflowId, new Date());
  }

  /** The signals a workflow received, by name, with their first argument. */
  signalsTo(workflowId: string, signal?: string): unknown[] {
    return this.signals.filter((sent) => sent.workflowId === workflowId && (signal === undefined || sent.signal === signal)).map((sent) => sent.args[0]);
  }

  /** The fake where a `Client` is expected; it implements only what the services use. */
  asClient(): Client {
    return this as unknown as Client;
  }

  private failIfAsked(): void {
    if (this.failure) throw this.failure;
  }
}
