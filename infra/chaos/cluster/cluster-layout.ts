import type { StackProfile } from '../../stack/stack-profile';

/** The components of the platform that are clients of Kafka and Temporal, each reaching them through proxies of its own. */
export const CLIENT_COMPONENTS = ['worker', 'identity', 'legal-review', 'transport', 'casework'] as const;

/** A client component of the cluster. */
export type ClientComponent = (typeof CLIENT_COMPONENTS)[number];

/** What a client reaches through a proxy. */
export type Upstream = 'kafka' | 'temporal';

/** What each client component talks to (casework too publishes to Kafka: its audit chain heads, S2). */
export const CLIENT_UPSTREAMS: Record<ClientComponent, readonly Upstream[]> = {
  worker: ['kafka', 'temporal'],
  identity: ['kafka', 'temporal'],
  'legal-review': ['kafka', 'temporal'],
  transport: ['kafka', 'temporal'],
  casework: ['kafka', 'temporal'],
};

/** The node ids of the KRaft quorum: three combined broker-and-controller nodes. */
export const BROKER_IDS = [1, 2, 3] as const;

/** One Kafka node: its direct listener (brokers and the harness), its controller, and one listener per client component. */
export interface BrokerLayout {
  id: number;
  name: string;
  port: number;
  controllerPort: number;
  /** Where each client component's listener binds; the broker advertises the matching proxy's port instead. */
  clientPorts: Record<ClientComponent, number>;
}

/** One Toxiproxy proxy: a client component's path to one upstream port. */
export interface ProxyLayout {
  name: string;
  /** The link the proxy belongs to (`link:<client>:<upstream>`): a link's proxies are faulted together. */
  link: string;
  client: ClientComponent;
  upstream: Upstream;
  /** For a Kafka proxy, the broker it leads to. */
  broker?: number;
  listenPort: number;
  upstreamPort: number;
}

/** Every port of a chaos cluster, derived from its profile so clusters of different profiles never collide. */
export interface ClusterLayout {
  profile: StackProfile;
  brokers: BrokerLayout[];
  toxiproxyApiPort: number;
  proxies: ProxyLayout[];
  postgresPort: number;
  /** HTTP and metrics ports of a service instance (1-based) or of a worker (metrics only). */
  instancePorts(component: ClientComponent, instance: number): { http: number; metrics: number };
}

/** The name of the link between a client component and an upstream, as fault records name their target. */
export function linkName(client: ClientComponent, upstream: Upstream): string {
  return `link:${client}:${upstream}`;
}

/** The Kafka listener name of a client component (listener names are upper-case identifiers). */
export function listenerName(client: ClientComponent): string {
  return `CLIENT_${client.toUpperCase().replace(/-/g, '_')}`;
}

/**
 * Lays the cluster out on the profile's ports: broker n on the profile's Kafka port + 10 × (n − 1), its controller
 * one above, its client listeners above that; the Toxiproxy API at base + 8474 and its proxies from base + 8500;
 * a second instance of anything 10 above the first.
 */
export function clusterLayout(profile: StackProfile): ClusterLayout {
  const base = profile.temporal.port - 7233;
  const brokers = BROKER_IDS.map((id): BrokerLayout => {
    const port = profile.kafka.port + 10 * (id - 1);
    const clientPorts = Object.fromEntries(CLIENT_COMPONENTS.map((client, index) => [client, port + 2 + index])) as Record<ClientComponent, number>;
    return { id, name: `kafka-${id}`, port, controllerPort: port + 1, clientPorts };
  });
  const proxies: ProxyLayout[] = [];
  for (const client of CLIENT_COMPONENTS) {
    for (const broker of CLIENT_UPSTREAMS[client].includes('kafka') ? brokers : []) {
      proxies.push({ name: `${client}-${broker.name}`, link: linkName(client, 'kafka'), client, upstream: 'kafka', broker: broker.id, listenPort: 0, upstreamPort: broker.clientPorts[client] });
    }
    proxies.push({ name: `${client}-temporal`, link: linkName(client, 'temporal'), client, upstream: 'temporal', listenPort: 0, upstreamPort: profile.temporal.port });
  }
  proxies.forEach((proxy, index) => (proxy.listenPort = base + 8500 + index));
  const httpPorts: Record<ClientComponent, number> = {
    worker: 0,
    identity: profile.services.identity,
    'legal-review': profile.services.legalReview,
    transport: profile.services.transport,
    casework: profile.services.casework,
  };
  const metricsPorts: Record<ClientComponent, number> = {
    worker: profile.metrics.worker,
    identity: profile.metrics.identity,
    'legal-review': profile.metrics.legalReview,
    transport: profile.metrics.transport,
    casework: profile.metrics.casework,
  };
  return {
    profile,
    brokers,
    toxiproxyApiPort: base + 8474,
    proxies,
    postgresPort: base + 5432,
    instancePorts: (component, instance) => ({ http: httpPorts[component] + 10 * (instance - 1), metrics: metricsPorts[component] + 10 * (instance - 1) }),
  };
}

/** The bootstrap list a client component uses: its own proxy to each broker. */
export function proxiedKafkaBrokers(layout: ClusterLayout, client: ClientComponent): string {
  return layout.proxies
    .filter((proxy) => proxy.client === client && proxy.upstream === 'kafka')
    .map((proxy) => `127.0.0.1:${proxy.listenPort}`)
    .join(',');
}

/** The Temporal frontend address a client component uses: its own proxy. */
export function proxiedTemporalAddress(layout: ClusterLayout, client: ClientComponent): string {
  const proxy = layout.proxies.find((candidate) => candidate.client === client && candidate.upstream === 'temporal');
  return `127.0.0.1:${proxy?.listenPort}`;
}

/** The brokers' direct listeners, for the harness (recorder, admin) that must not be faulted with the platform. */
export function directKafkaBrokers(layout: ClusterLayout): string {
  return layout.brokers.map((broker) => `127.0.0.1:${broker.port}`).join(',');
}
