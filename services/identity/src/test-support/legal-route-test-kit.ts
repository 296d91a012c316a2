import { randomUUID } from 'node:crypto';
import { type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  type BiometricsCapturedData,
  type EoiApplicant,
  type EoiSubmittedData,
  type EventEnvelope,
  type PresenceConfirmedData,
  type TopicDefinition,
  Topics,
  deadLetterTopicOf,
} from '@oioo/contracts';
import { AuthModule } from '@oioo/auth';
import { DATABASE, type Database, DatabaseModule } from '@oioo/database';
import { DeadLetterHeaders, InMemoryKafkaTransport, KafkaModule } from '@oioo/kafka';
import { TEMPORAL_CLIENT } from '@oioo/temporal';
import { TestIssuer } from '@oioo/testing';
import { IDENTITY_CONFIG, type IdentityConfig, loadIdentityConfig } from '../config/identity-config';
import { IdentityConfigModule } from '../config/identity-config.module';
import { LegalRouteModule } from '../legal-route/legal-route.module';
import { FakeTemporalClient } from './fake-temporal-client';
import { MIGRATIONS_DIR, identityServices, opaqueId, quietLogger, sampleTemplate } from './identity-test-kit';

/** Test support only: personal data the portal sends, which must never reach a workflow, a topic key or a log (S3). */
export const PERSONAL_DATA = { givenNames: 'Amanuel Tesfay', familyName: 'Ghebremichael', documentNumber: 'ER7781234', partnerDocumentNumber: 'ER5550001' } as const;

/** Test support only: an adult applicant with the given role, eligible under E3, with overrides. */
export function applicant(role: EoiApplicant['role'] = 'main', overrides: Partial<EoiApplicant> = {}): EoiApplicant {
  return {
    personId: opaqueId('per'),
    role,
    givenNames: PERSONAL_DATA.givenNames,
    familyName: PERSONAL_DATA.familyName,
    dateOfBirth: role === 'child' ? '2016-03-09' : '1991-11-23',
    nationalities: ['ERI'],
    document: { kind: 'passport', number: PERSONAL_DATA.documentNumber, issuingCountry: 'ERI', nationalityShown: 'ERI', expiresOn: '2023-05-31' },
    eeaFamilyMember: false,
    protectionElsewhere: false,
    frenchResidencePermission: false,
    ukLinkWithin5Years: true,
    ...overrides,
  };
}

/** Test support only: an envelope as a producer would send it, on a topic, about a subject. */
function envelope<Data>(topic: TopicDefinition, source: EventEnvelope<Data>['source'], subject: string, data: Data): EventEnvelope<Data> {
  return { eventId: randomUUID(), type: topic.name, source, subject, occurredAt: new Date().toISOString(), schemaVersion: 1, correlationId: subject, data };
}

/** Test support only: a family's submission (main applicant, partner with another document, child) under a new EOI id, with overrides. */
export function eoiSubmittedEvent(overrides: Partial<EoiSubmittedData> = {}): EventEnvelope<EoiSubmittedData> {
  const eoiId = overrides.eoiId ?? opaqueId('eoi');
  return envelope(Topics.eoiSubmitted, 'eoi-portal', eoiId, {
    eoiId,
    familyReference: 'FAM-2025-0042',
    submittedAt: '2025-09-03T08:30:00+02:00',
    applicants: [
      applicant('main'),
      applicant('partner', { givenNames: 'Selam', document: { kind: 'national-identity-card', number: PERSONAL_DATA.partnerDocumentNumber, issuingCountry: 'ERI', nationalityShown: null, expiresOn: '2030-01-01' } }),
      applicant('child', { givenNames: 'Yonas' }),
    ],
    ...overrides,
  });
}

/** Test support only: an adult's confirmation of presence on the portal (E2). */
export function presenceConfirmedEvent(eoiId: string, personId: string, overrides: Partial<PresenceConfirmedData> = {}): EventEnvelope<PresenceConfirmedData> {
  return envelope(Topics.presenceConfirmed, 'eoi-portal', eoiId, { eoiId, personId, confirmedAt: '2025-09-03T12:00:00Z', country: 'FRA', ...overrides });
}

/** Test support only: the visa application centre's capture of one person's biometrics (E7). */
export function biometricsCapturedEvent(eoiId: string, appointmentReference: string, personId: string, overrides: Partial<BiometricsCapturedData> = {}): EventEnvelope<BiometricsCapturedData> {
  return envelope(Topics.biometricsCaptured, 'visa-application-centre', eoiId, {
    eoiId,
    appointmentReference,
    personId,
    capturedAt: '2025-09-10T09:15:00Z',
    biometricTemplate: sampleTemplate(`vac:${personId}`),
    ...overrides,
  });
}

/** Test support only: a dead letter as a person would read it. */
export interface ReadDeadLetter {
  kind: string;
  reason: string;
  value: string;
}

/** Test support only: identity's legal route booted in Nest over real HTTP, with in-memory Kafka, a fake Temporal client and PGlite. */
export interface LegalRouteTestApp {
  app: INestApplication;
  db: Database;
  transport: InMemoryKafkaTransport;
  temporal: FakeTemporalClient;
  /** The arrivals and registers side, wired by hand over the same database (to put people in the registers). */
  services: ReturnType<typeof identityServices>;
  /** The issuer of the access tokens identity accepts here. */
  issuer: TestIssuer;
  /** Sends JSON with the worker's access token (the caller of the legal route's routes) and returns the status and parsed answer. */
  request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  /** Hands an event (or raw JSON text) to identity's consumer and waits until it is handled or dead-lettered. */
  deliver(topic: TopicDefinition, event: EventEnvelope<unknown> | string, key?: string): Promise<void>;
  /** The events identity published on a topic, parsed, with their Kafka keys. */
  published<Data>(topic: TopicDefinition): { key: string; event: EventEnvelope<Data> }[];
  /** What landed on a topic's dead-letter topic. */
  deadLetters(topic: TopicDefinition): ReadDeadLetter[];
  close(): Promise<void>;
}

/** Test support only: boots the legal route module as IdentityAppModule wires it, minus /health; `config` overrides the defaults. */
export async function startLegalRouteTestApp(config: Partial<IdentityConfig> = {}): Promise<LegalRouteTestApp> {
  const transport = new InMemoryKafkaTransport();
  const temporal = new FakeTemporalClient();
  // Access tokens are checked as in the running service, against a real issuer's keys.
  const issuer = await TestIssuer.start();
  Object.assign(process.env, issuer.environment());
  const moduleRef = await Test.createTestingModule({
    imports: [
      AuthModule.forRoot({ service: 'identity' }),
      DatabaseModule.forRoot({ schema: 'identity', migrationsDir: MIGRATIONS_DIR, config: { driver: 'pglite' }, logger: quietLogger }),
      KafkaModule.forRoot({
        clientId: 'identity',
        groupId: 'identity',
        // No pause between attempts, so a failing handler dead-letters at once.
        config: { brokers: ['127.0.0.1:9092'], ssl: false, consumer: { maxAttempts: 2, retryBackoffMs: 0 } },
        transport,
        logger: quietLogger,
      }),
      IdentityConfigModule,
      LegalRouteModule,
    ],
  })
    .overrideProvider(TEMPORAL_CLIENT)
    .useValue(temporal.asClient())
    .overrideProvider(IDENTITY_CONFIG)
    .useValue({ ...loadIdentityConfig({}), ...config })
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const db = app.get<Database>(DATABASE);
  return {
    app,
    db,
    transport,
    temporal,
    services: identityServices(db),
    issuer,
    async request(method, path, body) {
      const authorization = `Bearer ${await issuer.serviceToken('svc-worker')}`;
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
    },
    async deliver(topic, event, key) {
      const value = typeof event === 'string' ? event : JSON.stringify(event);
      await transport.deliver(topic.name, { key: key ?? (typeof event === 'string' ? null : event.subject), value });
    },
    published<Data>(topic: TopicDefinition) {
      return transport.sentTo(topic.name).map((message) => ({ key: String(message.key), event: JSON.parse(String(message.value)) as EventEnvelope<Data> }));
    },
    deadLetters(topic) {
      return transport.sentTo(deadLetterTopicOf(topic.name)).map((message) => ({
        kind: String(message.headers[DeadLetterHeaders.kind]),
        reason: String(message.headers[DeadLetterHeaders.reason]),
        value: String(message.value),
      }));
    },
    close: async () => {
      await app.close();
      await issuer.stop();
    },
  };
}

/** Test support only: the number of rows a table holds for an EOI. */
export async function countRows(db: Database, table: 'eoi_submissions' | 'eoi_applicants' | 'presence_requests' | 'vac_appointments' | 'eoi_biometric_captures', eoiId: string): Promise<number> {
  const result = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE eoi_id = $1`, [eoiId]);
  return Number(result.rows[0]?.n);
}
