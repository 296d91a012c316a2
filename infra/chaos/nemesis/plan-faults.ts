import { BROKER_IDS, CLIENT_COMPONENTS, CLIENT_UPSTREAMS, linkName } from '../cluster/cluster-layout';
import type { FaultKind } from '../history/fault-records';
import { SeededPrng } from '../workload/seeded-prng';

/** Faults that kill a process and restart it after a pause. */
export const KILL_KINDS = ['kill-worker', 'kill-service', 'kill-broker', 'kill-temporal'] as const satisfies readonly FaultKind[];
/** Faults on a link through Toxiproxy. */
export const NETWORK_KINDS = ['latency', 'reset', 'partition'] as const satisfies readonly FaultKind[];

/** How long a partition lasts (issue 11: a 30 s partition). */
export const PARTITION_MS = 30_000;

/** What the nemesis may hit, by kind; the defaults are the names `startCluster` gives its processes and links. */
export interface FaultTargets {
  workers: string[];
  services: string[];
  brokers: string[];
  temporal: string[];
  links: string[];
}

/** The processes and links of a full cluster with its default instance counts. */
export const defaultFaultTargets: FaultTargets = {
  workers: ['worker-1', 'worker-2'],
  services: ['identity-1', 'identity-2', 'legal-review-1', 'legal-review-2', 'transport-1', 'transport-2', 'casework-1'],
  brokers: BROKER_IDS.map((id) => `kafka-${id}`),
  temporal: ['temporal'],
  links: CLIENT_COMPONENTS.flatMap((client) => CLIENT_UPSTREAMS[client].map((upstream) => linkName(client, upstream))),
};

/** Settings of {@link planFaults}. */
export interface FaultPlanOptions {
  seed: number;
  /** Every fault starts and is due to heal within this window from the nemesis's start. */
  durationMs: number;
  /** How many kills (each followed by a restart). */
  kills: number;
  /** How many network faults. */
  networkFaults: number;
  /** The kinds allowed (default all); each one allowed is planned at least once, so there must be room for it. */
  kinds?: readonly FaultKind[];
  targets?: FaultTargets;
  /** Pause between a kill and its restart (default 1–10 s). */
  restartPauseMs?: { min: number; max: number };
  /** How long latency and resets last (default 5–20 s). */
  networkFaultMs?: { min: number; max: number };
}

/** One fault of a plan: what, on whom, when (from the nemesis's start) and when it is due to heal (after its start). */
export interface PlannedFault {
  faultId: string;
  kind: FaultKind;
  target: string;
  atMs: number;
  healAfterMs: number;
  parameters: Record<string, string | number | boolean>;
}

/** A seeded schedule of faults, in order of their start. */
export interface FaultPlan {
  seed: number;
  durationMs: number;
  faults: PlannedFault[];
}

/**
 * Plans the nemesis's faults from a seed, purely: the same options give the same plan. Kills and network faults
 * each run in a lane of their own: the window is cut into one slot per fault and each fault starts at a random
 * moment of its slot and heals before the slot ends, so at most one process is down at a time (the Kafka quorum
 * and the min.insync.replicas of 2 survive one lost broker, not two) and at most one link is faulted.
 */
export function planFaults(options: FaultPlanOptions): FaultPlan {
  const kinds = new Set<FaultKind>(options.kinds ?? [...KILL_KINDS, ...NETWORK_KINDS]);
  const killKinds = KILL_KINDS.filter((kind) => kinds.has(kind));
  const networkKinds = NETWORK_KINDS.filter((kind) => kinds.has(kind));
  const targets = options.targets ?? defaultFaultTargets;
  const prng = new SeededPrng(options.seed);
  const pause = options.restartPauseMs ?? { min: 1_000, max: 10_000 };
  const networkMs = options.networkFaultMs ?? { min: 5_000, max: 20_000 };
  assertPlannable(options, killKinds.length, networkKinds.length);

  const killPlan = laneKinds(killKinds, options.kills, prng.fork('kill-kinds'));
  const networkPlan = laneKinds(networkKinds, options.networkFaults, prng.fork('network-kinds'));
  const faults: Omit<PlannedFault, 'faultId'>[] = [];
  const killSlot = options.durationMs / Math.max(1, killPlan.length);
  killPlan.forEach((kind, index) => {
    const random = prng.fork(`kill-${index}`);
    const pauseMs = Math.min(random.between(pause.min, pause.max), Math.floor(killSlot));
    const atMs = Math.floor(index * killSlot + random.uniform(0, killSlot - pauseMs));
    faults.push({ kind, target: random.pick(killTargets(targets, kind)), atMs, healAfterMs: pauseMs, parameters: { signal: 'SIGKILL', pauseMs } });
  });
  const networkSlot = options.durationMs / Math.max(1, networkPlan.length);
  networkPlan.forEach((kind, index) => {
    const random = prng.fork(`network-${index}`);
    const lastsMs = kind === 'partition' ? PARTITION_MS : Math.min(random.between(networkMs.min, networkMs.max), Math.floor(networkSlot));
    const atMs = Math.floor(index * networkSlot + random.uniform(0, networkSlot - lastsMs));
    faults.push({ kind, target: random.pick(targets.links), atMs, healAfterMs: lastsMs, parameters: networkParameters(kind, lastsMs, random) });
  });
  faults.sort((a, b) => a.atMs - b.atMs || a.kind.localeCompare(b.kind));
  return { seed: options.seed, durationMs: options.durationMs, faults: faults.map((fault, index) => ({ faultId: `fault_${options.seed}_${index + 1}`, ...fault })) };
}

function assertPlannable(options: FaultPlanOptions, killKinds: number, networkKinds: number): void {
  const { durationMs, kills, networkFaults } = options;
  if (!Number.isInteger(kills) || kills < 0 || !Number.isInteger(networkFaults) || networkFaults < 0) throw new RangeError('kills and networkFaults must be whole numbers, 0 or more');
  if (kills < killKinds && kills > 0) throw new RangeError(`${kills} kills cannot cover the ${killKinds} kill kinds asked for`);
  if (networkFaults < networkKinds && networkFaults > 0) throw new RangeError(`${networkFaults} network faults cannot cover the ${networkKinds} network kinds asked for`);
  if (kills > 0 && killKinds === 0) throw new RangeError('kills were asked for but no kill kind is allowed');
  if (networkFaults > 0 && networkKinds === 0) throw new RangeError('network faults were asked for but no network kind is allowed');
  if (networkFaults > 0 && durationMs / networkFaults < PARTITION_MS && networkKinds > 0) {
    throw new RangeError(`${networkFaults} network faults need at least ${(networkFaults * PARTITION_MS) / 1000} s, room for a ${PARTITION_MS / 1000} s partition each`);
  }
}

/** Each kind once, then the rest drawn at random, in a shuffled order. */
function laneKinds<Kind extends FaultKind>(kinds: readonly Kind[], count: number, prng: SeededPrng): Kind[] {
  if (count === 0) return [];
  const lane = [...kinds];
  while (lane.length < count) lane.push(prng.pick(kinds));
  for (let index = lane.length - 1; index > 0; index -= 1) {
    const other = prng.between(0, index);
    [lane[index], lane[other]] = [lane[other] as Kind, lane[index] as Kind];
  }
  return lane;
}

function killTargets(targets: FaultTargets, kind: FaultKind): string[] {
  const byKind: Partial<Record<FaultKind, string[]>> = { 'kill-worker': targets.workers, 'kill-service': targets.services, 'kill-broker': targets.brokers, 'kill-temporal': targets.temporal };
  const names = byKind[kind] ?? [];
  if (names.length === 0) throw new RangeError(`no target for ${kind}`);
  return names;
}

function networkParameters(kind: FaultKind, durationMs: number, prng: SeededPrng): Record<string, number> {
  if (kind === 'latency') return { durationMs, latencyMs: prng.between(100, 2_000), jitterMs: prng.between(0, 500) };
  if (kind === 'reset') return { durationMs, resetAfterMs: prng.between(0, 1_000) };
  return { durationMs };
}
