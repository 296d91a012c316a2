import type { HistoryRecord, ServiceTable } from '../history';
import { type InvariantCheck, type InvariantResult, Violations } from './invariant-result';

/** R9 from transport's tables: no person booked twice on a movement, no movement over its capacity, no person transferred twice. */
export class TransportCheck implements InvariantCheck {
  /** Live bookings per `<movement> <person>`. */
  private readonly bookings = new Map<string, number>();
  /** Live booking rows per movement, counted here rather than taken from the movement's own count. */
  private readonly bookingsPerMovement = new Map<string, number>();
  private readonly movements = new Map<string, { capacity: number; bookedCount: number }>();
  private readonly transfers = new Map<string, number>();

  constructor(private readonly maxExamples: number) {}

  observe(record: HistoryRecord): void {
    if (record.type !== 'service-tables') return;
    for (const table of record.tables) this.observeTable(table);
  }

  results(): InvariantResult[] {
    const booking = new Violations({ id: 'booking-once', rule: 'R9', title: 'no person booked twice on a movement' }, this.maxExamples);
    for (const [key, count] of this.bookings) if (count > 1) booking.add(`${key.replace(' ', ': ')} booked ${count} times`);
    const capacity = new Violations({ id: 'movement-capacity', rule: 'R9', title: 'no movement booked over its capacity' }, this.maxExamples);
    for (const [movementId, movement] of this.movements) {
      const rows = this.bookingsPerMovement.get(movementId) ?? 0;
      if (Math.max(rows, movement.bookedCount) > movement.capacity) {
        capacity.add(`${movementId}: ${rows} bookings (movement counts ${movement.bookedCount}) for capacity ${movement.capacity}`);
      }
    }
    for (const [movementId, rows] of this.bookingsPerMovement) {
      if (!this.movements.has(movementId)) capacity.add(`${movementId}: ${rows} bookings on a movement transport does not hold`);
    }
    const transfer = new Violations({ id: 'transfer-once', rule: 'R9', title: 'no person transferred twice' }, this.maxExamples);
    for (const [personId, count] of this.transfers) if (count > 1) transfer.add(`${personId} transferred ${count} times`);
    return [booking.result(), capacity.result(), transfer.result()];
  }

  private observeTable(table: ServiceTable): void {
    if (table.table === 'transport.bookings') {
      for (const row of table.rows) {
        if (row.status !== 'booked') continue;
        increment(this.bookings, `${row.movementId} ${row.personId}`);
        increment(this.bookingsPerMovement, row.movementId);
      }
    } else if (table.table === 'transport.movements') {
      for (const row of table.rows) this.movements.set(row.movementId, { capacity: row.capacity, bookedCount: row.bookedCount });
    } else if (table.table === 'transport.transfers') {
      for (const row of table.rows) increment(this.transfers, row.personId);
    }
  }
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
