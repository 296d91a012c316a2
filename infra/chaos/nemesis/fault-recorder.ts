import type { FaultKind } from '../history/fault-records';

/** A fault as it starts, in the shape of the history's `fault-injected` record (without its header). */
export interface InjectedFault {
  faultId: string;
  kind: FaultKind;
  /** A process (`worker-2`, `kafka-3`, `temporal`) or a link (`link:transport:kafka`). */
  target: string;
  parameters: Record<string, string | number | boolean>;
}

/** Where the nemesis reports its faults: the recorder turns these into `fault-injected` and `fault-healed` records. */
export interface FaultRecorder {
  faultInjected(fault: InjectedFault): void | Promise<void>;
  faultHealed(fault: { faultId: string }): void | Promise<void>;
}
