import { type Logger } from '@oioo/config';
import { Topics } from '@oioo/contracts';
import { type EventConsumer, type EventProducer } from '@oioo/kafka';
import { type AgencyContext } from './agency-context';
import { BiometricMemory } from './biometric-memory';
import { BorderEntryAgency } from './border-entry.agency';
import { BorderForceAgency } from './border-force.agency';
import { BoundedMap } from './bounded-memory';
import { CaseworkerDesk } from './caseworker-desk';
import { CourtsAgency } from './courts.agency';
import { type DeskTemporalClient } from './desk-temporal-client';
import { EoiDecisionDesk } from './eoi-decision-desk';
import { EoiPortalAgency } from './eoi-portal.agency';
import { FranceAgency } from './france.agency';
import { SecurityServicesAgency } from './security-services.agency';
import { SeededRandom } from './seeded-random';
import { SimClock } from './sim-clock';
import { type SimulatorConfig } from './simulator-config';
import { VisaApplicationCentreAgency } from './visa-application-centre.agency';

/** Everything the simulation runs on: the real broker and server, through the platform's own adapters. */
export interface SimulatorDependencies {
  config: SimulatorConfig;
  producer: EventProducer;
  consumer: EventConsumer;
  /** The Temporal client (`@temporalio/client`'s `Client` fits); the desks use only this part of it. */
  temporal: DeskTemporalClient;
  logger: Logger;
}

/** The legal route's side: the EOI portal, the visa application centre, the security services, Border Force at the port, and the decision desk. */
export interface LegalRouteAgencies {
  portal: EoiPortalAgency;
  visaApplicationCentre: VisaApplicationCentreAgency;
  securityServices: SecurityServicesAgency;
  borderEntry: BorderEntryAgency;
  desk: EoiDecisionDesk;
}

/** Arrival templates kept for the handover that may follow (one per case, oldest forgotten first). */
const ARRIVAL_TEMPLATES_KEPT = 50_000;

/**
 * The agencies' side of the pilot and its caseworker desks, wired to the real topics and workflows: the
 * readmission route always, the legal route unless SIM_LEGAL_ROUTE is false.
 */
export class AgencySimulator {
  readonly borderForce: BorderForceAgency;
  readonly france: FranceAgency;
  readonly courts: CourtsAgency;
  readonly desk: CaseworkerDesk;
  /** Absent when SIM_LEGAL_ROUTE is false. */
  readonly legalRoute?: LegalRouteAgencies;
  /** Templates of arrivals and returns, from which a few legal-route applicants come (E4). */
  readonly biometrics = new BiometricMemory();
  private readonly clock: SimClock;
  private readonly templates = new BoundedMap<string, string>(ARRIVAL_TEMPLATES_KEPT);

  constructor(private readonly dependencies: SimulatorDependencies) {
    const { config, producer, logger, temporal, consumer } = dependencies;
    this.clock = new SimClock(config.SIM_TIME_COMPRESSION);
    const context: AgencyContext = { config, producer, logger, random: new SeededRandom(config.SIM_SEED), clock: this.clock };
    this.courts = new CourtsAgency(context);
    this.borderForce = new BorderForceAgency(context, (arrival) => {
      this.templates.set(arrival.caseId, arrival.biometricTemplate);
      this.biometrics.rememberArrival(arrival.biometricTemplate);
    });
    this.france = new FranceAgency(context, (caseId) => {
      const template = this.templates.get(caseId);
      if (!template) return;
      this.borderForce.returnedTemplates.push(template);
      this.biometrics.rememberReturn(template);
    });
    this.desk = new CaseworkerDesk(context, temporal);
    consumer.register(Topics.readmissionRequestSent, async (event) => {
      this.courts.consider(event);
      await this.france.onRequest(event);
    });
    consumer.register(Topics.manifestNotified, (event) => this.france.onManifest(event));

    if (config.SIM_LEGAL_ROUTE) {
      const legalRoute: LegalRouteAgencies = {
        portal: new EoiPortalAgency(context, this.biometrics),
        visaApplicationCentre: new VisaApplicationCentreAgency(context, this.biometrics),
        securityServices: new SecurityServicesAgency(context),
        borderEntry: new BorderEntryAgency(context),
        desk: new EoiDecisionDesk(context, temporal),
      };
      consumer.register(Topics.presenceRequested, (event) => legalRoute.portal.onPresenceRequested(event));
      consumer.register(Topics.appointmentBooked, (event) => legalRoute.visaApplicationCentre.onAppointmentBooked(event));
      consumer.register(Topics.securityCheckRequested, (event) => legalRoute.securityServices.onCheckRequested(event));
      consumer.register(Topics.travelBooked, (event) => legalRoute.borderEntry.onTravelBooked(event));
      this.legalRoute = legalRoute;
    }
  }

  /** Starts every agency and the desks. */
  async start(): Promise<void> {
    await this.dependencies.producer.connect();
    await this.dependencies.consumer.start();
    this.borderForce.start();
    this.desk.start();
    this.legalRoute?.portal.start();
    this.legalRoute?.desk.start();
  }

  /** Stops the agencies, the desks and pending simulated actions. */
  async stop(): Promise<void> {
    this.borderForce.stop();
    this.desk.stop();
    this.legalRoute?.portal.stop();
    this.legalRoute?.desk.stop();
    this.clock.stop();
    await this.dependencies.consumer.stop();
    await this.dependencies.producer.disconnect();
  }
}
