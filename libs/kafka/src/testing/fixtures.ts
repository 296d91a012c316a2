import { createLogger, type Logger } from '@oioo/config';
import { type ArrivalRecordedData } from '@oioo/contracts';

/** Test data only: valid arrival data with opaque ids. */
export const arrivalData: ArrivalRecordedData = {
  caseId: 'case_01J9ZQ4X7K3M2N8P6R5T',
  personId: 'per_01J9ZQ4X7K3M2N8P6R5T',
  arrivedAt: '2025-09-01T03:12:00Z',
  route: 'apprehended',
  departedFrom: 'FR',
  crossingEvidence: [{ kind: 'interception-record', reference: 'BF-2025-0001' }],
  biometricTemplate: 'tpl-3f9a1c7e5b2d4a60',
};

/** Test data only: the subject of the arrival events. */
export const subject = 'case_01J9ZQ4X7K3M2N8P6R5T';

/** A logger that keeps its lines in memory, so tests can check what was (not) logged. */
export function memoryLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger('kafka-test', {}, (line) => lines.push(line)), lines };
}
