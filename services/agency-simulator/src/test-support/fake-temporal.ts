import { WorkflowUpdateFailedError } from '@temporalio/client';
import { type UpdateDefinition } from '@temporalio/common';
import { type DeskTemporalClient, type DeskWorkflowExecution } from '../desk-temporal-client';

/** One update a desk sent. */
export interface SentUpdate {
  workflowId: string;
  name: string;
  input: Record<string, unknown>;
}

/** A case as the fake's visibility lists it. */
export interface FakeCase {
  state: string;
  historyLength: number;
  kind: string;
}

/**
 * A fake of the narrow Temporal surface the desks use. Visibility lists the cases it holds (without
 * parsing the query: the specs check the query text); updates are recorded and answered by `onUpdate`,
 * which may change a case or throw.
 */
export class FakeDeskTemporal implements DeskTemporalClient {
  readonly cases = new Map<string, FakeCase>();
  readonly queries: string[] = [];
  readonly updates: SentUpdate[] = [];
  onUpdate: (update: SentUpdate, current: FakeCase | undefined) => unknown = () => ({});

  readonly workflow: DeskTemporalClient['workflow'] = {
    list: (options: { query: string; pageSize?: number }) => {
      this.queries.push(options.query);
      const listed: DeskWorkflowExecution[] = [...this.cases].map(([workflowId, item]) => ({
        workflowId,
        historyLength: item.historyLength,
        searchAttributes: { CaseKind: [item.kind], CaseState: [item.state] },
      }));
      return (async function* () {
        yield* listed;
      })();
    },
    getHandle: (workflowId: string) => ({
      executeUpdate: async <Ret, Args extends [unknown, ...unknown[]]>(definition: UpdateDefinition<Ret, Args>, options: { args: Args }): Promise<Ret> => {
        const update: SentUpdate = { workflowId, name: definition.name, input: options.args[0] as Record<string, unknown> };
        this.updates.push(update);
        return this.onUpdate(update, this.cases.get(workflowId)) as Ret;
      },
    }),
  };

  /** The error the real client throws when the workflow's validator or handler refuses an update. */
  static refused(message: string): WorkflowUpdateFailedError {
    return new WorkflowUpdateFailedError(message, new Error(message));
  }
}
