import { type UpdateDefinition } from '@temporalio/common';

/** What a desk needs of a workflow found through visibility. */
export interface DeskWorkflowExecution {
  workflowId: string;
  historyLength: number;
  /** Raw search attributes, by name (each value a list, as the server returns them). */
  searchAttributes: Readonly<Record<string, unknown>>;
}

/**
 * The narrow part of the Temporal client the caseworker desks use: list cases through visibility and
 * take a step through a workflow update. The real `Client` of `@temporalio/client` satisfies it; specs
 * give a fake.
 */
export interface DeskTemporalClient {
  workflow: {
    list(options: { query: string; pageSize?: number }): AsyncIterable<DeskWorkflowExecution>;
    getHandle(workflowId: string): {
      executeUpdate<Ret, Args extends [unknown, ...unknown[]]>(definition: UpdateDefinition<Ret, Args>, options: { args: Args }): Promise<Ret>;
    };
  };
}

/** The `CaseState` search attribute of a listed case, if set. */
export function caseStateOf(execution: DeskWorkflowExecution): string | undefined {
  const value = execution.searchAttributes['CaseState'];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}
