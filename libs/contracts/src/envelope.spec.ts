import { randomUUID } from 'node:crypto';
import { arrivalRecordedEventSchema } from './events/arrival-recorded.event';

const valid = {
  eventId: randomUUID(),
  type: 'border-force.arrival.recorded.v1',
  source: 'uk-border-force',
  subject: 'case_01J9ZQ4X7K3M2N8P6R5T',
  occurredAt: '2025-08-10T05:12:00Z',
  schemaVersion: 1,
  correlationId: 'corr-1',
  data: {
    caseId: 'case_01J9ZQ4X7K3M2N8P6R5T',
    personId: 'per_01J9ZQ4X7K3M2N8P6R5V',
    arrivedAt: '2025-08-10T05:12:00Z',
    route: 'search-and-rescue',
    departedFrom: 'FR',
    crossingEvidence: [{ kind: 'rescue-record', reference: 'SAR-2025-118' }],
    biometricTemplate: 'tpl-3f9a1c7e5b2d4a60',
  },
};

describe('event envelope', () => {
  it('accepts a complete arrival event', () => {
    expect(arrivalRecordedEventSchema.parse(valid)).toEqual(valid);
  });

  it('rejects a subject that is not an opaque id (S3: keys are never names)', () => {
    const result = arrivalRecordedEventSchema.safeParse({ ...valid, subject: 'Amira Haddad' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['subject']);
  });

  it('rejects an event from an unknown source system and names the field', () => {
    const result = arrivalRecordedEventSchema.safeParse({ ...valid, source: 'somebody' });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['source']);
  });

  it('rejects a case id of the wrong kind in the data', () => {
    const result = arrivalRecordedEventSchema.safeParse({ ...valid, data: { ...valid.data, caseId: 'per_01J9ZQ4X7K3M2N8P6R5V' } });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['data.caseId']);
  });
});
