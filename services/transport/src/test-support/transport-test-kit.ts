import { join } from 'node:path';
import { problemOf } from '@oioo/auth';
import { createLogger } from '@oioo/config';
import { type Database, createDatabase, loadMigrations, runMigrations } from '@oioo/database';
import { EventProducer, InMemoryKafkaTransport } from '@oioo/kafka';
import { BookingService } from '../bookings/booking.service';
import { BookingsRepository } from '../bookings/bookings.repository';
import { type TransportConfig, loadTransportConfig } from '../config/transport-config';
import { ManifestNotifier } from '../manifests/manifest-notifier.service';
import { ManifestsRepository } from '../manifests/manifests.repository';
import { MovementsRepository } from '../movements/movements.repository';

// Test support only: the services' own loggers write warnings and errors only, so test output shows problems.
process.env['LOG_LEVEL'] ??= 'warn';

/** Test support only: a logger that drops everything. */
export const quietLogger = createLogger('transport-test', {}, () => undefined);

/** Test support only: the transport settings with the defaults of RULES.md, overridden by `env`. */
export function testConfig(env: Record<string, string> = {}): TransportConfig {
  return loadTransportConfig(env);
}

/** Test support only: a fresh in-memory PGlite database with the service's real migrations applied. */
export async function openMigratedDatabase(): Promise<Database> {
  const db = await createDatabase({ driver: 'pglite' }, { schema: 'transport', logger: quietLogger });
  await runMigrations(db, { schema: 'transport', migrations: loadMigrations(join(__dirname, '..', 'migrations')), logger: quietLogger });
  return db;
}

/** Test support only: the service's providers wired by hand over a real database and an in-memory Kafka transport. */
export interface TransportKit {
  db: Database;
  config: TransportConfig;
  kafka: InMemoryKafkaTransport;
  producer: EventProducer;
  movements: MovementsRepository;
  bookingsRepository: BookingsRepository;
  manifests: ManifestNotifier;
  bookings: BookingService;
}

/** Test support only: builds a {@link TransportKit} on `db` (its producer connected). */
export async function transportKit(db: Database, config: TransportConfig = testConfig()): Promise<TransportKit> {
  const kafka = new InMemoryKafkaTransport();
  const producer = new EventProducer(kafka.createProducer(), quietLogger);
  await producer.connect();
  const movements = new MovementsRepository(db);
  const bookingsRepository = new BookingsRepository(db, movements);
  const manifests = new ManifestNotifier(config, movements, new ManifestsRepository(db), producer);
  const bookings = new BookingService(config, bookingsRepository, manifests);
  return { db, config, kafka, producer, movements, bookingsRepository, manifests, bookings };
}

/** Test support only: a case id that no other test uses. */
export function caseId(n: number, tag = 'T'): string {
  return `case_${tag}${String(n).padStart(12, '0')}`;
}

/** Test support only: the person id that goes with {@link caseId}. */
export function personId(n: number, tag = 'T'): string {
  return `per_${tag}${String(n).padStart(12, '0')}`;
}

/** Test support only: seats and bookings as stored, for assertions. */
export async function seatsOf(db: Database, movementId: string): Promise<{ seatsTaken: number; holding: number }> {
  const { rows } = await db.query<{ seats_taken: number; holding: number }>(
    `SELECT m.seats_taken, (SELECT count(*)::int FROM bookings b WHERE b.movement_id = m.movement_id AND b.status IN ('booked', 'boarded')) AS holding
     FROM movements m WHERE m.movement_id = $1`,
    [movementId],
  );
  return { seatsTaken: rows[0]?.seats_taken ?? -1, holding: rows[0]?.holding ?? -1 };
}

/** Test support only: the RFC 9457 problem document transport answers a refusal with, for `toEqual`. */
export function problemDocument(status: number, code: string, detail: unknown) {
  return problemOf(status, code, detail as string);
}
