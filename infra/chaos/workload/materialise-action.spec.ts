import { Topics } from '@oioo/contracts';
import { generateWorkload } from './generate-workload';
import { FactBook, materialiseAction } from './materialise-action';
import { type PublishAction } from './workload-actions';

describe('materialiseAction and FactBook', () => {
  const publishes = [...generateWorkload({ seed: 9, days: 30 })].filter((action): action is PublishAction => action.kind === 'publish');

  it('R4: binds France’s reply to the request the platform sent, restamps it, and keeps it valid', () => {
    const reply = publishes.find((action) => action.topic === Topics.franceReplied.name && action.awaits?.fact === 'readmission-request') as PublishAction;
    const book = new FactBook();
    expect(book.lookup(reply.awaits!)).toBeUndefined();
    const caseId = reply.flow.id;
    book.note(Topics.readmissionRequestSent.name, { data: { caseId, requestNumber: 1, requestReference: 'req_0123456789abcdef' } });
    const now = new Date('2026-01-02T03:04:05.000Z');
    const event = materialiseAction(reply, { fact: book.lookup(reply.awaits!), now });
    expect(event.envelope.data).toMatchObject({ requestReference: 'req_0123456789abcdef', caseId });
    expect(event.envelope.occurredAt).toBe(now.toISOString());
    expect(JSON.parse(event.value)).toEqual(event.envelope);
    expect(event.headers).toEqual({ 'event-id': reply.envelope.eventId, 'event-type': Topics.franceReplied.name });
    expect(reply.envelope.data).toMatchObject({ requestReference: expect.stringMatching(/_AWAITED/) });
  });

  it('R9: a case’s second movement (after a no-show) is its attempt 2, however often manifests are re-sent', () => {
    const book = new FactBook();
    const manifest = (movementId: string) => ({ data: { movementId, departsAt: '2026-01-01T10:00:00Z', passengers: [{ caseId: 'case_AAAAAAAAAAAA', personId: 'per_AAAAAAAAAAAA' }] } });
    book.note(Topics.manifestNotified.name, manifest('mov_FIRST000000'));
    book.note(Topics.manifestNotified.name, manifest('mov_FIRST000000'));
    book.note(Topics.manifestNotified.name, manifest('mov_SECOND00000'));
    expect(book.lookup({ fact: 'manifest', topic: Topics.manifestNotified.name, caseId: 'case_AAAAAAAAAAAA', attempt: 2 })?.movementId).toBe('mov_SECOND00000');
  });

  it('R11: a second record of a crossing keeps the first record’s crossing time while its own event is stamped now', () => {
    const secondRecord = publishes.find((action) => action.step === 'arrival-second-record') as PublishAction;
    const crossedAt = '2026-01-02T01:00:00.000Z';
    const now = new Date('2026-01-02T03:04:05.000Z');
    const event = materialiseAction(secondRecord, { now, keepTimes: [{ path: ['data', 'arrivedAt'], value: crossedAt }] });
    expect(event.envelope.data).toMatchObject({ arrivedAt: crossedAt });
    expect(event.envelope.occurredAt).toBe(now.toISOString());
    expect(materialiseAction(secondRecord, { now }).envelope.data).toMatchObject({ arrivedAt: now.toISOString() });
  });

  it('refuses to materialise an event whose awaited fact is missing', () => {
    const waiting = publishes.find((action) => action.bindings.length > 0) as PublishAction;
    expect(() => materialiseAction(waiting)).toThrow(/needs/);
  });
});
