import { type EventEnvelope, type ManifestNotifiedData, Topics } from '@oioo/contracts';
import { type Database } from '@oioo/database';
import { envelopeSchemaOf } from '@oioo/kafka';
import { type TransportKit, caseId, openMigratedDatabase, personId, testConfig, transportKit } from '../test-support/transport-test-kit';

const HOUR_MS = 60 * 60 * 1000;
const BOOKED_AT = new Date('2030-03-01T00:00:00Z');
/** Daily 08:00 UTC departure that bookings for 5 March 10:00 land on. */
const DEPARTURE = new Date('2030-03-06T08:00:00Z');
const hoursBefore = (hours: number) => new Date(DEPARTURE.getTime() - hours * HOUR_MS);

let db: Database;
let kit: TransportKit;

beforeEach(async () => {
  db = await openMigratedDatabase();
  kit = await transportKit(db);
});
afterEach(() => db.close());

async function book(n: number, options: { withPerson?: boolean; at?: Date } = {}): Promise<string> {
  const seat = await kit.bookings.book(
    {
      caseId: caseId(n),
      ...(options.withPerson === false ? {} : { personId: personId(n) }),
      notBefore: '2030-03-05T10:00:00Z',
      bookingNumber: 1,
      idempotencyKey: `readmission:${caseId(n)}:booking:1`,
      // A row without a person id can only come from data older than the contract; the cast builds one.
    } as Parameters<typeof kit.bookings.book>[0],
    options.at ?? BOOKED_AT,
  );
  return seat.movementId;
}

/** Manifests published so far, parsed with the topic's own schema. */
function manifests(): EventEnvelope<ManifestNotifiedData>[] {
  return kit.kafka.sentTo(Topics.manifestNotified.name).map((message) => envelopeSchemaOf(Topics.manifestNotified).parse(JSON.parse(String(message.value))));
}

describe('manifest notice to France', () => {
  it('R9 R12 is sent once when the movement enters the 48-hour window, naming passengers by opaque ids only', async () => {
    const movementId = await book(2);
    await book(1);

    await kit.manifests.notifyDueManifests(hoursBefore(49));
    expect(manifests()).toHaveLength(0);

    const report = await kit.manifests.notifyDueManifests(hoursBefore(47));
    expect(report.outcomes).toEqual({ [movementId]: 'sent' });
    const [manifest] = manifests();
    expect(manifest).toMatchObject({
      subject: movementId,
      source: 'uk-transport',
      data: {
        movementId,
        departsAt: DEPARTURE.toISOString(),
        entryPoint: 'Paris-CDG',
        passengers: [
          { caseId: caseId(1), personId: personId(1) },
          { caseId: caseId(2), personId: personId(2) },
        ],
      },
    });
    expect(Object.keys(manifest?.data.passengers[0] ?? {}).sort()).toEqual(['caseId', 'personId']);

    await kit.manifests.notifyDueManifests(hoursBefore(30));
    await kit.manifests.notifyDueManifests(hoursBefore(1));
    expect(manifests()).toHaveLength(1);
    const movement = await kit.movements.findById(movementId);
    expect(movement).toMatchObject({ manifestSentAt: hoursBefore(47), manifestVersion: 1 });
  });

  it('R9 is sent again with the current passengers when they change inside the window', async () => {
    const movementId = await book(1);
    await book(2);
    await kit.manifests.notifyDueManifests(hoursBefore(40));

    await kit.bookings.cancel({ caseId: caseId(1), movementId, reason: 'R7: legal hold', idempotencyKey: 'cancel-key-1' }, hoursBefore(30));
    await kit.manifests.notifyDueManifests(hoursBefore(29));

    const sent = manifests();
    expect(sent.map((manifest) => manifest.data.passengers.map((passenger) => passenger.caseId))).toEqual([[caseId(1), caseId(2)], [caseId(2)]]);
    expect(sent[0]?.eventId).not.toBe(sent[1]?.eventId);
    expect(await kit.movements.findById(movementId)).toMatchObject({ manifestVersion: 2, manifestSentAt: hoursBefore(30) });
  });

  it('R9 a booking inside the window sends the manifest at once, without waiting for the sweep', async () => {
    const movementId = await book(1, { at: hoursBefore(10) });

    expect(manifests().map((manifest) => manifest.data)).toEqual([
      { movementId, departsAt: DEPARTURE.toISOString(), entryPoint: 'Paris-CDG', passengers: [{ caseId: caseId(1), personId: personId(1) }] },
    ]);
  });

  it('R9 nothing is sent after departure; the sweep marks the movement departed', async () => {
    const movementId = await book(1);

    const report = await kit.manifests.notifyDueManifests(new Date(DEPARTURE.getTime() + 60_000));

    expect(report).toEqual({ departed: 1, outcomes: {} });
    expect(manifests()).toHaveLength(0);
    expect(await kit.movements.findById(movementId)).toMatchObject({ status: 'departed', manifestSentAt: null });
  });

  it('R9 the notice is policy: TRANSPORT_MANIFEST_NOTICE_HOURS moves the window', async () => {
    const shortNotice = await transportKit(db, testConfig({ TRANSPORT_MANIFEST_NOTICE_HOURS: '12' }));
    await book(1);

    await shortNotice.manifests.notifyDueManifests(hoursBefore(13));
    expect(shortNotice.kafka.sentTo(Topics.manifestNotified.name)).toHaveLength(0);
    await shortNotice.manifests.notifyDueManifests(hoursBefore(11));
    expect(shortNotice.kafka.sentTo(Topics.manifestNotified.name)).toHaveLength(1);
  });

  it('a movement nobody is booked on sends nothing', async () => {
    const movementId = await book(1);
    await kit.bookings.cancel({ caseId: caseId(1), movementId, reason: 'case ended', idempotencyKey: 'cancel-key-1' }, BOOKED_AT);

    const report = await kit.manifests.notifyDueManifests(hoursBefore(47));
    expect(report.outcomes).toEqual({ [movementId]: 'empty' });
    expect(manifests()).toHaveLength(0);
  });

  it('a manifest is held back while a booking lacks the person id it must name', async () => {
    const movementId = await book(1, { withPerson: false });
    await book(2);

    const report = await kit.manifests.notifyDueManifests(hoursBefore(47));
    expect(report.outcomes).toEqual({ [movementId]: 'incomplete' });
    expect(manifests()).toHaveLength(0);
  });
});
