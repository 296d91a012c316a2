import { type Logger } from '@oioo/config';
import { type EventProducer } from '@oioo/kafka';
import { type SeededRandom } from './seeded-random';
import { type SimClock } from './sim-clock';
import { type SimulatorConfig } from './simulator-config';

/** What every simulated agency works with. */
export interface AgencyContext {
  config: SimulatorConfig;
  random: SeededRandom;
  clock: SimClock;
  producer: EventProducer;
  logger: Logger;
}

/** Logs a failed simulated action without stopping the simulation (opaque ids only). */
export function reportFailure(context: AgencyContext, action: string) {
  return (error: unknown) => context.logger.warn('simulated action failed', { action, error: error instanceof Error ? error.name : 'unknown' });
}
