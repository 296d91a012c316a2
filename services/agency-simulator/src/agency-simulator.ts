import { type Client } from '@temporalio/client';
import { type Logger } from '@oioo/config';
import { Topics } from '@oioo/contracts';
import { type EventConsumer, type EventProducer } from '@oioo/kafka';
import { type AgencyContext } from './agency-context';
import { BorderForceAgency } from './border-force.agency';
import { CaseworkerDesk } from './caseworker-desk';
import { CourtsAgency } from './courts.agency';
import { FranceAgency } from './france.agency';
import { SeededRandom } from './seeded-random';
import { SimClock } from './sim-clock';
import { type SimulatorConfig } from './simulator-config';

/** Everything the simulation runs on: the real broker and server, through the platform's own adapters. */
export interface SimulatorDependencies {
  config: SimulatorConfig;
  producer: EventProducer;
  consumer: EventConsumer;
  temporal: Client;
  logger: Logger;
}

/** The agencies' side of the pilot and a caseworker desk, wired to the real topics and workflows. */
export class AgencySimulator {
  readonly borderForce: BorderForceAgency;
  readonly france: FranceAgency;
  readonly courts: CourtsAgency;
  readonly desk: CaseworkerDesk;
  private readonly clock: SimClock;
  private readonly templates = new Map<string, string>();

  constructor(private readonly dependencies: SimulatorDependencies) {
    const { config, producer, logger, temporal } = dependencies;
    this.clock = new SimClock(config.SIM_TIME_COMPRESSION);
    const context: AgencyContext = { config, producer, logger, random: new SeededRandom(config.SIM_SEED), clock: this.clock };
    this.courts = new CourtsAgency(context);
    this.borderForce = new BorderForceAgency(context, (arrival) => {
      this.templates.set(arrival.caseId, arrival.biometricTemplate);
      this.courts.consider(arrival);
    });
    this.france = new FranceAgency(context, (caseId) => {
      const template = this.templates.get(caseId);
      if (template) this.borderForce.returnedTemplates.push(template);
    });
    this.desk = new CaseworkerDesk(context, temporal);
    dependencies.consumer.register(Topics.readmissionRequestSent, (event) => this.france.onRequest(event));
    dependencies.consumer.register(Topics.manifestNotified, (event) => this.france.onManifest(event));
  }

  /** Starts every agency and the desk. */
  async start(): Promise<void> {
    await this.dependencies.producer.connect();
    await this.dependencies.consumer.start();
    this.borderForce.start();
    this.desk.start();
  }

  /** Stops the agencies, the desk and pending simulated actions. */
  async stop(): Promise<void> {
    this.borderForce.stop();
    this.desk.stop();
    this.clock.stop();
    await this.dependencies.consumer.stop();
    await this.dependencies.producer.disconnect();
  }
}
