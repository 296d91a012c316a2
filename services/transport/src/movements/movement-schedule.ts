import { HOUR_MS } from '@oioo/domain';
import { type TransportConfig } from '../config/transport-config';

/**
 * R9: the timetable of scheduled movements, a pure function of the policy. Departures fall every
 * `scheduleIntervalHours` (divided by the demonstration compression), counted from
 * `departureHourUtc` on 1 January 1970, so every instance and every restart agrees on the same
 * departure instants without storing a timetable: a movement row is created only when a booking
 * needs its departure.
 */
export class MovementSchedule {
  private readonly anchorMs: number;
  private readonly stepMs: number;

  constructor(config: Pick<TransportConfig, 'scheduleIntervalHours' | 'departureHourUtc' | 'timeCompression'>) {
    this.anchorMs = Date.UTC(1970, 0, 1, config.departureHourUtc);
    // Whole milliseconds, so departure instants compare exactly in the database.
    this.stepMs = Math.max(1, Math.round((config.scheduleIntervalHours * HOUR_MS) / config.timeCompression));
  }

  /** The first scheduled departure at or after `instant`. */
  firstDepartureAtOrAfter(instant: Date): Date {
    const steps = Math.ceil((instant.getTime() - this.anchorMs) / this.stepMs);
    return new Date(this.anchorMs + steps * this.stepMs);
  }

  /** The scheduled departure after `departure` (itself a scheduled departure). */
  nextDeparture(departure: Date): Date {
    return new Date(departure.getTime() + this.stepMs);
  }
}

/** R9: how long before departure France must have the manifest, in milliseconds (compressed for demonstrations only). */
export function manifestNoticeMs(config: Pick<TransportConfig, 'manifestNoticeHours' | 'timeCompression'>): number {
  return (config.manifestNoticeHours * HOUR_MS) / config.timeCompression;
}
