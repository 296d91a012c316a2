import type { FaultKind, HistoryRecord } from '../history';
import { faultKindSchema } from '../history';

/** One row of the fault table: how many faults of a kind were injected and healed. */
export interface FaultTableRow {
  kind: FaultKind;
  injected: number;
  healed: number;
}

/** Tallies the faults of a history by kind, every kind listed (a kind never injected shows 0). */
export class FaultTable {
  private readonly kindOf = new Map<string, FaultKind>();
  private readonly rows = new Map<FaultKind, FaultTableRow>(faultKindSchema.options.map((kind) => [kind, { kind, injected: 0, healed: 0 }]));

  /** Counts an injection or a healing. */
  observe(record: HistoryRecord): void {
    if (record.type === 'fault-injected') {
      this.kindOf.set(record.faultId, record.kind);
      this.rows.get(record.kind)!.injected += 1;
    } else if (record.type === 'fault-healed') {
      const kind = this.kindOf.get(record.faultId);
      if (kind) this.rows.get(kind)!.healed += 1;
    }
  }

  /** The rows, in the order of the fault kinds. */
  result(): FaultTableRow[] {
    return [...this.rows.values()].map((row) => ({ ...row }));
  }
}
