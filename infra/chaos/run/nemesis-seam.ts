import { type FaultKind, type HistoryWriter } from '../history';

/** How a nemesis records what it does: each fault when injected and again when healed, so the checker can count and time them. */
export class FaultLog {
  private next = 0;
  private open = 0;
  private lastHealedAt = 0;

  constructor(private readonly history: HistoryWriter) {}

  /** Records a fault the nemesis is injecting and returns its id. */
  async injected(kind: FaultKind, target: string, parameters: Record<string, string | number | boolean> = {}): Promise<string> {
    const faultId = `fault_${++this.next}`;
    this.open += 1;
    await this.history.append({ type: 'fault-injected', faultId, kind, target, parameters });
    return faultId;
  }

  /** Records that a fault is healed (the process is back, the toxic removed). */
  async healed(faultId: string): Promise<void> {
    this.open -= 1;
    this.lastHealedAt = Date.now();
    await this.history.append({ type: 'fault-healed', faultId });
  }

  /** Faults injected and not yet healed. */
  get unhealed(): number {
    return this.open;
  }

  /** Wall-clock ms of the last healing, 0 when none. */
  get lastHealed(): number {
    return this.lastHealedAt;
  }
}

/**
 * The seam for a nemesis: the run starts it with the fault log and a signal that asks it to stop, and
 * waits for it to resolve with every fault healed. The cluster profile's nemesis (kills of OS processes,
 * Toxiproxy faults) and the in-process faults of the short CI run both fit it.
 */
export interface Nemesis {
  run(faults: FaultLog, stop: AbortSignal): Promise<void>;
}
