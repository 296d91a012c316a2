import { Topics } from '@oioo/contracts';
import { BorderEntryAgency } from './border-entry.agency';
import { SeededRandom } from './seeded-random';
import { agencyHarness, eventually, incoming, inMs, pause, publishedOn } from './test-support/agency-harness';

const HOUR_MS = 60 * 60 * 1000;
const random = new SeededRandom(3);
const eoiId = random.opaqueId('eoi', 'spec');
const travelReference = random.opaqueId('trv', 'spec');
const people = [0, 1].map((n) => random.opaqueId('per', 'spec', n));

async function border(env: Record<string, string> = {}) {
  const harness = await agencyHarness(env);
  return { ...harness, border: new BorderEntryAgency(harness.context) };
}

function journey(departsAt: string) {
  return incoming(Topics.travelBooked, eoiId, { eoiId, travelReference, personIds: people, departsAt, arrivalPort: 'London St Pancras' });
}

describe('simulated Border Force at the port of arrival', () => {
  it('E8 records each traveller’s entry at the arrival port after departure and a journey of a few hours', async () => {
    const { transport, clock, border: agency, config } = await border({ SIM_EOI_NO_TRAVEL_SHARE: '0' });
    const departsAt = inMs(40);
    const event = journey(departsAt);
    await agency.onTravelBooked(event);
    await agency.onTravelBooked(event);

    expect(clock.delays).toHaveLength(1);
    const untilDeparture = (new Date(departsAt).getTime() - Date.now()) * config.SIM_TIME_COMPRESSION;
    expect(clock.delays[0]).toBeGreaterThanOrEqual(untilDeparture + 2 * HOUR_MS);
    expect(clock.delays[0]).toBeLessThanOrEqual(40 * config.SIM_TIME_COMPRESSION + 6 * HOUR_MS);
    expect(publishedOn(transport, Topics.entryRecorded)).toEqual([]);

    await eventually(() => expect(publishedOn(transport, Topics.entryRecorded)).toHaveLength(2));
    await pause();
    const entries = publishedOn(transport, Topics.entryRecorded);
    expect(entries).toHaveLength(2);
    expect(entries.map((entry) => entry.data.personId)).toEqual(people);
    for (const entry of entries) {
      expect(entry).toMatchObject({ source: 'uk-border-force', subject: eoiId, causationId: event.eventId, correlationId: event.correlationId });
      expect(entry.data).toMatchObject({ eoiId, travelReference, port: 'London St Pancras' });
      expect(new Date(entry.data.arrivedAt).getTime()).toBeGreaterThanOrEqual(new Date(departsAt).getTime() - 5);
    }
  });

  it('Q6 a party in the no-travel share never arrives, even on a rebooked journey', async () => {
    const { transport, border: agency } = await border({ SIM_EOI_NO_TRAVEL_SHARE: '1' });
    await agency.onTravelBooked(journey(inMs(5)));
    await agency.onTravelBooked(journey(inMs(10)));
    await pause();
    expect(publishedOn(transport, Topics.entryRecorded)).toEqual([]);
  });
});
