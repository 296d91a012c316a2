import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KAFKA_LOG4J, newKafkaClusterId } from '../../kafka/kafka-broker';
import { assertPortFree, isPortOpen, waitUntil } from '../../stack/ports';
import { runCommand } from '../../stack/shell';
import { ToolPaths } from '../../stack/tool-paths';
import { SupervisedProcess } from '../../stack/supervised-process';
import { type BrokerLayout, CLIENT_COMPONENTS, CLIENT_UPSTREAMS, type ClusterLayout, listenerName } from './cluster-layout';

/** The components with a Kafka client, each with a listener of its own on every node. */
const KAFKA_CLIENTS = CLIENT_COMPONENTS.filter((client) => CLIENT_UPSTREAMS[client].includes('kafka'));

/**
 * One node of the three-node KRaft quorum, broker and controller at once. Brokers replicate to each other on the
 * direct listener; each client component has a listener of its own that advertises that component's proxy, so a
 * client that bootstraps through its proxy keeps going through its proxies to every partition leader.
 * Topics take the cluster's defaults: replication factor 3 and min.insync.replicas 2, so an acks=all write
 * survives one broker lost and is refused, not lost, with two.
 */
function serverProperties(layout: ClusterLayout, broker: BrokerLayout, logDir: string): string {
  const voters = layout.brokers.map((node) => `${node.id}@127.0.0.1:${node.controllerPort}`).join(',');
  const proxyPort = (client: (typeof CLIENT_COMPONENTS)[number]) =>
    layout.proxies.find((proxy) => proxy.client === client && proxy.broker === broker.id)?.listenPort;
  const clientListeners = KAFKA_CLIENTS.map((client) => `${listenerName(client)}://127.0.0.1:${broker.clientPorts[client]}`);
  const advertisedClients = KAFKA_CLIENTS.map((client) => `${listenerName(client)}://127.0.0.1:${proxyPort(client)}`);
  const protocols = ['CONTROLLER:PLAINTEXT', 'PLAINTEXT:PLAINTEXT', ...KAFKA_CLIENTS.map((client) => `${listenerName(client)}:PLAINTEXT`)];
  return [
    'process.roles=broker,controller',
    `node.id=${broker.id}`,
    `controller.quorum.voters=${voters}`,
    `listeners=${[`PLAINTEXT://127.0.0.1:${broker.port}`, `CONTROLLER://127.0.0.1:${broker.controllerPort}`, ...clientListeners].join(',')}`,
    `advertised.listeners=${[`PLAINTEXT://127.0.0.1:${broker.port}`, ...advertisedClients].join(',')}`,
    'inter.broker.listener.name=PLAINTEXT',
    'controller.listener.names=CONTROLLER',
    `listener.security.protocol.map=${protocols.join(',')}`,
    `log.dirs=${logDir}`,
    'auto.create.topics.enable=false',
    'num.partitions=1',
    'default.replication.factor=3',
    'min.insync.replicas=2',
    'offsets.topic.replication.factor=3',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=3',
    'transaction.state.log.min.isr=2',
    // A leader lost to kill -9 must not be replaced by a replica that missed acknowledged writes.
    'unclean.leader.election.enable=false',
    'group.initial.rebalance.delay.ms=0',
    '',
  ].join('\n');
}

/** The JVM line of a broker: a bounded heap, since three of them share the machine with the platform. */
function jvmArgs(log4jFile: string): string[] {
  return ['-Xms128m', '-Xmx512m', '-XX:+UseG1GC', '-Djava.awt.headless=true', `-Dlog4j.configuration=file:${log4jFile}`, '-cp', `${ToolPaths.kafkaLib}/*`];
}

/** Writes each node's configuration and formats its KRaft store with one cluster id shared by the three (once). */
export async function prepareKafkaCluster(layout: ClusterLayout): Promise<void> {
  const home = join(layout.profile.dataDir, 'kafka');
  mkdirSync(home, { recursive: true });
  const idFile = join(home, 'cluster-id');
  if (!existsSync(idFile)) writeFileSync(idFile, newKafkaClusterId());
  const clusterId = readFileSync(idFile, 'utf8').trim();
  const log4jFile = join(home, 'log4j.properties');
  writeFileSync(log4jFile, KAFKA_LOG4J);
  await Promise.all(
    layout.brokers.map(async (broker) => {
      const logDir = join(home, broker.name, 'data');
      mkdirSync(logDir, { recursive: true });
      const propertiesFile = brokerPropertiesFile(layout, broker);
      writeFileSync(propertiesFile, serverProperties(layout, broker, logDir));
      if (existsSync(join(logDir, 'meta.properties'))) return;
      await runCommand('java', [...jvmArgs(log4jFile), 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', propertiesFile], {
        hint: `Formatting the KRaft store in ${logDir} failed; delete ${home} and try again.`,
      });
    }),
  );
}

function brokerPropertiesFile(layout: ClusterLayout, broker: BrokerLayout): string {
  return join(layout.profile.dataDir, 'kafka', broker.name, 'server.properties');
}

/** Starts one node (`java kafka.Kafka server.properties`, the distribution's own way) and waits until its direct listener accepts. */
export async function startKafkaNode(layout: ClusterLayout, broker: BrokerLayout): Promise<SupervisedProcess> {
  for (const port of [broker.port, broker.controllerPort, ...KAFKA_CLIENTS.map((client) => broker.clientPorts[client])]) await assertPortFree(port, `Kafka node ${broker.name}`);
  const logFile = join(layout.profile.logDir, `${broker.name}.log`);
  const log4jFile = join(layout.profile.dataDir, 'kafka', 'log4j.properties');
  const node = SupervisedProcess.start({ name: broker.name, command: 'java', args: [...jvmArgs(log4jFile), 'kafka.Kafka', brokerPropertiesFile(layout, broker)], logFile });
  await waitUntil(
    async () => {
      node.assertRunning();
      return isPortOpen(broker.port);
    },
    120_000,
    `Kafka node ${broker.name} to listen on ${broker.port}`,
    `Read its log: ${logFile}`,
  );
  return node;
}

