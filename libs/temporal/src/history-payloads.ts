import { type Payload } from '@temporalio/common';
import { type temporal } from '@temporalio/proto';

/**
 * Every payload a history holds (inputs, results, signals, updates, markers, memos, failures' details), found by
 * shape rather than by event type so no attribute is missed as the server adds event kinds.
 */
export function payloadsOfHistory(history: temporal.api.history.v1.IHistory): Payload[] {
  const found: Payload[] = [];
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return;
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    const record = value as Record<string, unknown>;
    if (record['data'] instanceof Uint8Array && typeof record['metadata'] === 'object') {
      found.push(record as Payload);
      return;
    }
    Object.values(record).forEach(visit);
  };
  visit(history.events ?? []);
  return found;
}
