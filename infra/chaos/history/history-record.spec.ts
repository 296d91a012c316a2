import { historyRecordSchema } from './history-record';

const header = { seq: 1, at: '2026-03-02T09:00:00.000Z' };
const publishedArrival = {
  type: 'event-published',
  ...header,
  topic: 'border-force.arrival.recorded.v1',
  partition: 2,
  offset: '1234',
  eventId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  subject: 'case_01JCHAOS000000000001',
  eventKind: 'arrival-recorded',
  generated: 'valid',
  opens: { caseKind: 'readmission', caseId: 'case_01JCHAOS000000000001' },
};

describe('history records', () => {
  it('accepts a valid published arrival that opens a case', () => {
    expect(historyRecordSchema.safeParse(publishedArrival).success).toBe(true);
  });

  it('S3: refuses an id that is not opaque (a name where an id belongs)', () => {
    const result = historyRecordSchema.safeParse({ ...publishedArrival, subject: 'Jane Doe' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['subject']);
  });

  it('an invalid (fuzz) event must name what must become of it, and a valid one must not', () => {
    const invalid = { ...publishedArrival, generated: 'invalid', opens: undefined, fuzz: 'wrong-type' };
    expect(historyRecordSchema.safeParse(invalid).success).toBe(false);
    expect(historyRecordSchema.safeParse({ ...invalid, expected: 'dead-letter' }).success).toBe(true);
    expect(historyRecordSchema.safeParse({ ...publishedArrival, expected: 'duplicate' }).success).toBe(false);
  });

  it('an invalid event opens no case', () => {
    expect(historyRecordSchema.safeParse({ ...publishedArrival, generated: 'invalid', expected: 'duplicate' }).success).toBe(false);
  });

  it('refuses a fault of a kind the nemesis does not inject', () => {
    expect(historyRecordSchema.safeParse({ type: 'fault-injected', ...header, faultId: 'fault_1', kind: 'meteor', target: 'kafka-1', parameters: {} }).success).toBe(false);
  });
});
