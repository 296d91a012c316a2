/** Milliseconds in a simulated hour. */
export const HOUR_MS = 60 * 60 * 1000;
/** Milliseconds in a simulated day. */
export const DAY_MS = 24 * HOUR_MS;

/** Simulated instants: offsets from the workload's start, printed as ISO 8601 for the envelopes. */
export class SimTime {
  private readonly startMs: number;

  constructor(start: string) {
    this.startMs = Date.parse(start);
  }

  /** The instant `offsetMs` after the start. */
  iso(offsetMs: number): string {
    return new Date(this.startMs + Math.round(offsetMs)).toISOString();
  }
}
