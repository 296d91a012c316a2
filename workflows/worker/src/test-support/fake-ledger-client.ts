import { type UpdateDefinition } from '@temporalio/common';
import { type LedgerClient, type LedgerStartOptions } from '../ledger/ledger-client';

/** What the fake was asked to do, in order. */
export type LedgerClientCall =
  | { kind: 'start'; workflowType: string; options: LedgerStartOptions }
  | { kind: 'update'; workflowId: string; update: string; args: unknown[]; updateId?: string }
  | { kind: 'describe'; workflowId: string };

/** How the fake behaves: what an Update answers or throws, what start throws, and the status describe reports (none: not found). */
export interface FakeLedgerBehaviour {
  update?: (name: string, args: unknown[]) => Promise<unknown>;
  start?: () => Promise<unknown>;
  status?: string;
}

/** A stand-in for the Temporal client implementing only what the worker calls on the ledger, recording every call. */
export function fakeLedgerClient(behaviour: FakeLedgerBehaviour = {}): { client: LedgerClient; calls: LedgerClientCall[] } {
  const calls: LedgerClientCall[] = [];
  const client: LedgerClient = {
    workflow: {
      start: (workflow, options) => {
        calls.push({ kind: 'start', workflowType: workflow.name, options });
        return behaviour.start ? behaviour.start() : Promise.resolve({ workflowId: options.workflowId });
      },
      getHandle: (workflowId) => ({
        executeUpdate: <Ret, Args extends [unknown, ...unknown[]]>(update: UpdateDefinition<Ret, Args>, options: { args: Args; updateId?: string }): Promise<Ret> => {
          calls.push({ kind: 'update', workflowId, update: update.name, args: options.args, ...(options.updateId === undefined ? {} : { updateId: options.updateId }) });
          return (behaviour.update ? behaviour.update(update.name, options.args) : Promise.resolve(undefined)) as Promise<Ret>;
        },
        describe: async () => {
          calls.push({ kind: 'describe', workflowId });
          if (behaviour.status === undefined) throw new Error(`workflow ${workflowId} not found`);
          return { status: { name: behaviour.status } };
        },
      }),
    },
  };
  return { client, calls };
}
