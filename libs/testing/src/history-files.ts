import { readFileSync, writeFileSync } from 'node:fs';
import { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;

/** Conversion that survives JSON: 64-bit numbers as strings, enums by name, bytes as base64. */
const JSON_SAFE = { longs: String, enums: String, bytes: String } as const;

/**
 * Writes a workflow history as JSON for replay tests. (The SDK's historyToJSON needs the same protobufjs
 * instance as the client that fetched the history, which a monorepo's hoisted dependencies do not guarantee.)
 */
export function writeHistoryFile(file: string, history: History): void {
  const plain = temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(history), JSON_SAFE);
  writeFileSync(file, JSON.stringify(plain, null, 1) + '\n');
}

/** Reads a history written by {@link writeHistoryFile}. */
export function readHistoryFile(file: string): temporal.api.history.v1.History {
  return temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(file, 'utf8')));
}
