import type { DataKeyLookup, WrappedDataKey } from './data-key-wire';

/**
 * Where cases' wrapped data keys are kept: the casework service's vault table in its own process, or that
 * vault over HTTP everywhere else. Creation is first-writer-wins, so processes racing to encrypt the first
 * payload of a case all end up with the same key.
 */
export interface DataKeyStore {
  /** The workflow's wrapped key, the record of its destruction, or `undefined` when it never had one. */
  find(workflowId: string): Promise<DataKeyLookup | undefined>;
  /** Stores `candidate` unless the workflow already has a key (or had one destroyed); answers what is stored. */
  createIfAbsent(candidate: WrappedDataKey): Promise<DataKeyLookup>;
}
