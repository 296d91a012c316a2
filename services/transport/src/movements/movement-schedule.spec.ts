import { ConfigError } from '@oioo/config';
import { DEFAULT_PILOT_ID } from '@oioo/contracts';
import { testConfig } from '../test-support/transport-test-kit';
import { ManifestSweep } from '../manifests/manifest-sweep.service';
import { type ManifestNotifier } from '../manifests/manifest-notifier.service';
import { MovementSchedule, manifestNoticeMs } from './movement-schedule';

describe('transport policy', () => {
  it('R9 defaults to RULES.md: 20 seats, Paris-CDG, 48 hours of notice, a movement every day at 08:00 UTC', () => {
    expect(testConfig()).toEqual({
      movementCapacity: 20,
      entryPoint: 'Paris-CDG',
      manifestNoticeHours: 48,
      scheduleIntervalHours: 24,
      departureHourUtc: 8,
      timeCompression: 1,
      travelDepartureHourUtc: 9,
      travelArrivalPort: 'London St Pancras',
      pilotId: DEFAULT_PILOT_ID,
    });
  });

  it('Q1 PILOT_ID names the ledger handovers are counted on: the default pilot when unset or empty, and only a pilot_ opaque id', () => {
    expect(testConfig({ PILOT_ID: 'pilot_UKFR00000002' }).pilotId).toBe('pilot_UKFR00000002');
    expect(testConfig({ PILOT_ID: '' }).pilotId).toBe(DEFAULT_PILOT_ID);
    expect(() => testConfig({ PILOT_ID: 'UK-France pilot' })).toThrow(/PILOT_ID/);
    expect(() => testConfig({ PILOT_ID: 'case_01J9ZQ4X7K3M2N8P6R5T' })).toThrow(/PILOT_ID/);
  });

  it('E7 the travel timetable and port are configurable, and a bad value is named', () => {
    expect(testConfig({ TRAVEL_DEPARTURE_HOUR_UTC: '7', TRAVEL_ARRIVAL_PORT: 'Ashford International' })).toMatchObject({
      travelDepartureHourUtc: 7,
      travelArrivalPort: 'Ashford International',
    });
    expect(() => testConfig({ TRAVEL_DEPARTURE_HOUR_UTC: '25' })).toThrow(/TRAVEL_DEPARTURE_HOUR_UTC/);
    expect(() => testConfig({ TRAVEL_ARRIVAL_PORT: ' ' })).toThrow(/TRAVEL_ARRIVAL_PORT/);
  });

  it('a bad variable stops the start naming it', () => {
    expect(() => testConfig({ TRANSPORT_MOVEMENT_CAPACITY: 'twenty', TRANSPORT_DEPARTURE_HOUR_UTC: '24' })).toThrow(ConfigError);
    expect(() => testConfig({ TRANSPORT_MOVEMENT_CAPACITY: 'twenty' })).toThrow(/TRANSPORT_MOVEMENT_CAPACITY/);
    expect(() => testConfig({ TRANSPORT_MOVEMENT_CAPACITY: '201' })).toThrow(/TRANSPORT_MOVEMENT_CAPACITY/);
  });
});

describe('movement schedule', () => {
  const daily = new MovementSchedule(testConfig());

  it('R9 the first departure at or after an instant is the next 08:00 UTC, or that instant itself when it is one', () => {
    expect(daily.firstDepartureAtOrAfter(new Date('2030-03-05T10:00:00Z')).toISOString()).toBe('2030-03-06T08:00:00.000Z');
    expect(daily.firstDepartureAtOrAfter(new Date('2030-03-05T07:59:59Z')).toISOString()).toBe('2030-03-05T08:00:00.000Z');
    expect(daily.firstDepartureAtOrAfter(new Date('2030-03-05T08:00:00Z')).toISOString()).toBe('2030-03-05T08:00:00.000Z');
    expect(daily.nextDeparture(new Date('2030-03-05T08:00:00Z')).toISOString()).toBe('2030-03-06T08:00:00.000Z');
  });

  it('R9 the interval and departure hour are policy: a weekly schedule at 06:00 UTC', () => {
    const weekly = new MovementSchedule(testConfig({ TRANSPORT_SCHEDULE_INTERVAL_HOURS: '168', TRANSPORT_DEPARTURE_HOUR_UTC: '6' }));
    const first = weekly.firstDepartureAtOrAfter(new Date('2030-03-05T10:00:00Z'));
    expect(first.getUTCHours()).toBe(6);
    expect(first.getTime() - new Date('2030-03-05T10:00:00Z').getTime()).toBeLessThanOrEqual(7 * 24 * 60 * 60 * 1000);
    expect(weekly.nextDeparture(first).getTime() - first.getTime()).toBe(7 * 24 * 60 * 60 * 1000);
  });

  it('demonstration compression divides the interval, the manifest notice and the sweep interval', () => {
    const config = testConfig({ TRANSPORT_TIME_COMPRESSION: '1440' });
    const compressed = new MovementSchedule(config);
    const first = compressed.firstDepartureAtOrAfter(new Date('2030-03-05T10:00:30Z'));
    expect(compressed.nextDeparture(first).getTime() - first.getTime()).toBe(60_000);
    expect(manifestNoticeMs(config)).toBe(2 * 60_000);
    expect(new ManifestSweep({} as ManifestNotifier, config).intervalMs).toBe(1_000);
    expect(new ManifestSweep({} as ManifestNotifier, testConfig()).intervalMs).toBe(30_000);
  });
});
