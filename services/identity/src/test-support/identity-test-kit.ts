import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { problemOf } from '@oioo/auth';
import { type ArrivalRecordedData, type EventEnvelope } from '@oioo/contracts';
import { createLogger } from '@oioo/config';
import { type Database, createDatabase, loadMigrations, runMigrations } from '@oioo/database';
import { ArrivalRecordLinksRepository } from '../arrivals/arrival-record-links.repository';
import { type ArrivalScreeningOutcome, ArrivalScreeningService } from '../arrivals/arrival-screening.service';
import { type ArrivalScreeningRecord, ArrivalScreeningsRepository } from '../arrivals/arrival-screenings.repository';
import { type ReadmissionCaseStatuses } from '../arrivals/readmission-case-status';
import { DEFAULT_MATCH_THRESHOLD } from '../config/identity-config';
import { EnrolmentsRepository } from '../enrolments/enrolments.repository';
import { RegisterMatcher } from '../matching/register-matcher.service';
import { templateHash } from '../matching/template-hash';
import { PeopleRepository } from '../people/people.repository';
import { IrregularEntriesRepository } from '../registers/irregular-entries.repository';
import { RegisterChecks } from '../registers/register-checks.service';
import { ReturnsRegisterRepository } from '../registers/returns-register.repository';
import { FakeCaseStatuses } from './fake-case-statuses';

/** Test support only: the service's migrations folder. */
export const MIGRATIONS_DIR = join(__dirname, '..', 'migrations');

/** Test support only: a logger that drops everything. */
export const quietLogger = createLogger('identity-test', {}, () => undefined);

/** Test support only: an in-memory PGlite database with identity's real migrations applied. */
export async function openIdentityDatabase(): Promise<Database> {
  const db = await createDatabase({ driver: 'pglite' }, { schema: 'identity', logger: quietLogger });
  await runMigrations(db, { schema: 'identity', migrations: loadMigrations(MIGRATIONS_DIR), logger: quietLogger });
  return db;
}

/**
 * Test support only: the service's providers wired by hand over one database, as Nest would wire them.
 * Case statuses come from `caseStatuses` when given (Temporal's), else from the returned `statuses` fake.
 */
export function identityServices(db: Database, matchThreshold: number = DEFAULT_MATCH_THRESHOLD, caseStatuses?: ReadmissionCaseStatuses) {
  const statuses = new FakeCaseStatuses();
  const people = new PeopleRepository();
  const enrolments = new EnrolmentsRepository(people);
  const matcher = new RegisterMatcher({ matchThreshold });
  const irregularEntries = new IrregularEntriesRepository();
  const returns = new ReturnsRegisterRepository(db);
  const screenings = new ArrivalScreeningsRepository();
  const links = new ArrivalRecordLinksRepository();
  const screening = new ArrivalScreeningService(db, enrolments, irregularEntries, matcher, screenings, links, returns, caseStatuses ?? statuses);
  return { people, enrolments, matcher, irregularEntries, returns, screenings, links, screening, statuses, checks: new RegisterChecks(db, matcher) };
}

/** Test support only: what {@link useIdentityDatabase} gives a spec file; read it inside tests, once beforeAll has run. */
export interface IdentityDatabaseFixture {
  readonly db: Database;
  readonly services: IdentityServices;
}

/** Test support only: the providers {@link identityServices} wires. */
export type IdentityServices = ReturnType<typeof identityServices>;

/**
 * Test support only: opens an identity database (real migrations) and wires its services before the spec
 * file's tests, and closes it after them.
 */
export function useIdentityDatabase(): IdentityDatabaseFixture {
  let opened: { db: Database; services: IdentityServices } | undefined;
  beforeAll(async () => {
    const db = await openIdentityDatabase();
    opened = { db, services: identityServices(db) };
  }, 60_000);
  afterAll(() => opened?.db.close());
  const current = () => {
    if (!opened) throw new Error('the identity database is opened in beforeAll: read it inside a test');
    return opened;
  };
  return {
    get db() {
      return current().db;
    },
    get services() {
      return current().services;
    },
  };
}

/** Test support only: the screening of a record that opened a case; fails the test when the record was linked instead. */
export function openedCase(outcome: ArrivalScreeningOutcome): ArrivalScreeningRecord {
  if (outcome.kind !== 'case') throw new Error(`expected the record to open a case, but it was linked to ${outcome.link.caseId} (${outcome.link.link})`);
  return outcome.record;
}

/** Test support only: a fresh opaque id with the given prefix. */
export function opaqueId(prefix: string): string {
  return `${prefix}_${randomUUID().replace(/-/g, '')}`;
}

/** Test support only: a 164-character template derived from a seed, like a real capture and unlike any other seed's. */
export function sampleTemplate(seed: string): string {
  return `tpl-${[0, 1, 2].map((part) => templateHash(`${seed}:${part}`)).join('').slice(0, 160)}`;
}

/** Test support only: a second sample of the same person: the template with `changes` characters altered, spread out. */
export function nearTemplate(template: string, changes = 1): string {
  const chars = [...template];
  for (let change = 1; change <= changes; change += 1) {
    const position = Math.floor((chars.length * change) / (changes + 1));
    chars[position] = chars[position] === 'z' ? 'y' : 'z';
  }
  return chars.join('');
}

/** Test support only: an in-scope arrival event of a new case and person, with overrides. */
export function arrivalEvent(overrides: Partial<ArrivalRecordedData> = {}, arrivedAt: Date = new Date()): EventEnvelope<ArrivalRecordedData> {
  const caseId = overrides.caseId ?? opaqueId('case');
  return {
    eventId: randomUUID(),
    type: 'border-force.arrival.recorded.v1',
    source: 'uk-border-force',
    subject: caseId,
    occurredAt: arrivedAt.toISOString(),
    schemaVersion: 1,
    correlationId: 'corr',
    data: {
      caseId,
      personId: opaqueId('per'),
      arrivedAt: arrivedAt.toISOString(),
      route: 'claimed-protection',
      departedFrom: 'FR',
      crossingEvidence: [{ kind: 'interception-record', reference: 'HMC-INT-77' }],
      biometricTemplate: sampleTemplate(caseId),
      ...overrides,
    },
  };
}

/** Test support only: the return body the readmission workflow's registerReturn activity sends for a case. */
export function returnOf(arrival: ArrivalRecordedData, overrides: { idempotencyKey?: string; handoverReference?: string } = {}) {
  return {
    caseId: arrival.caseId,
    personId: arrival.personId,
    handoverReference: overrides.handoverReference ?? opaqueId('hov'),
    idempotencyKey: overrides.idempotencyKey ?? `readmission:${arrival.caseId}:register-return`,
  };
}

/** Test support only: the RFC 9457 problem document identity answers a refusal with, for `toEqual`. */
export function problemDocument(status: number, code: string, detail: unknown) {
  return problemOf(status, code, detail as string);
}
