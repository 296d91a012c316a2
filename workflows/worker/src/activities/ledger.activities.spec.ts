import { z } from 'zod';
import { createLogger } from '@oioo/config';
import { DEFAULT_PILOT_ID, Topics, type WeeklyReportPublishedData } from '@oioo/contracts';
import { EventProducer, InMemoryKafkaTransport, envelopeSchemaOf } from '@oioo/kafka';
import { createLedgerActivities, weeklyReportEventId } from './ledger.activities';
import { nameBasedUuid } from './name-based-uuid';

/** Test data only: a finished week's report as the ledger hands it over. */
const report: WeeklyReportPublishedData = {
  pilotId: DEFAULT_PILOT_ID,
  isoWeek: '2026-W10',
  from: '2026-03-02T00:00:00Z',
  to: '2026-03-09T00:00:00Z',
  readmissions: 12,
  admissions: 9,
  grantsOutstanding: 3,
  eoisHeld: 4,
  placesHeld: 6,
  imbalance: 0,
  week: { readmissions: 3, admissions: 2, placesReleased: 2, placesReturned: 0 },
  cap: 50,
  publishedAt: '2026-03-09T00:00:05Z',
};

const quiet = createLogger('worker-test', {}, () => undefined);

/** A worker's ledger activities on an in-memory Kafka; a fresh one stands for a worker restarted between attempts. */
function ledgerActivitiesOn(transport: InMemoryKafkaTransport) {
  return createLedgerActivities({ producer: new EventProducer(transport.createProducer(), quiet) });
}

/** The events on the weekly-report topic, parsed with the topic's envelope schema. */
function publishedReports(transport: InMemoryKafkaTransport) {
  return transport.sentTo(Topics.weeklyReportPublished.name).map((message) => ({
    key: message.key?.toString(),
    eventIdHeader: message.headers['event-id']?.toString(),
    event: envelopeSchemaOf(Topics.weeklyReportPublished).parse(JSON.parse(message.value?.toString() ?? '')),
  }));
}

describe('ledger activities', () => {
  it('Q3 publishes the weekly report keyed by pilot, from the platform, the report as its data', async () => {
    const transport = new InMemoryKafkaTransport();

    await ledgerActivitiesOn(transport).publishWeeklyReport(report);

    const [published, ...more] = publishedReports(transport);
    expect(more).toEqual([]);
    expect(published?.key).toBe(DEFAULT_PILOT_ID);
    expect(published?.event).toMatchObject({
      type: 'equivalence.weekly-report.published.v1',
      source: 'oioo-platform',
      subject: DEFAULT_PILOT_ID,
      occurredAt: report.publishedAt,
      schemaVersion: 1,
      data: report,
    });
  });

  it('Q3 the weekly report is published with a deterministic event id, the same on every retry', async () => {
    const transport = new InMemoryKafkaTransport();
    transport.sendError = new Error('broker unavailable');

    // The first attempt fails and Temporal retries, perhaps on another worker; the last one repeats an id a consumer already saw.
    await expect(ledgerActivitiesOn(transport).publishWeeklyReport(report)).rejects.toThrow('broker unavailable');
    transport.sendError = undefined;
    await ledgerActivitiesOn(transport).publishWeeklyReport(report);
    await ledgerActivitiesOn(transport).publishWeeklyReport(report);

    const ids = publishedReports(transport).map(({ event, eventIdHeader }) => [event.eventId, eventIdHeader]);
    const expected = weeklyReportEventId(DEFAULT_PILOT_ID, '2026-W10');
    expect(ids).toEqual([
      [expected, expected],
      [expected, expected],
    ]);
    expect(z.uuid().safeParse(expected).success).toBe(true);
  });

  it('Q3 each pilot and each week has an event id of its own', () => {
    const ids = new Set([
      weeklyReportEventId(DEFAULT_PILOT_ID, '2026-W10'),
      weeklyReportEventId(DEFAULT_PILOT_ID, '2026-W11'),
      weeklyReportEventId('pilot_ukfr20270101', '2026-W10'),
    ]);
    expect(ids.size).toBe(3);
  });
});

describe('name-based UUIDs', () => {
  it('are RFC 9562 version-5 UUIDs (the published test vector)', () => {
    // uuid5(NAMESPACE_DNS, 'python.org'), as in Python's uuid module documentation.
    expect(nameBasedUuid('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('refuse a namespace that is not a UUID', () => {
    expect(() => nameBasedUuid('x', 'not-a-uuid')).toThrow(/namespace must be a UUID/);
  });
});
