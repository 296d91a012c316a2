import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ToolPaths } from '../stack/tool-paths';
import { assertPortFree, isPortOpen, waitUntil } from '../stack/ports';
import { runCommand } from '../stack/shell';
import type { StackProfile } from '../stack/stack-profile';
import { SupervisedProcess } from '../stack/supervised-process';

/**
 * A new KRaft cluster id: 16 random bytes in base64url, as Kafka's own `random-uuid` gives. One that starts
 * with '-' is drawn again (as Kafka does): the storage tool would read it as an option and refuse to format.
 */
export function newKafkaClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/** Bootstrap address of the profile's broker. */
export function kafkaBrokers(profile: StackProfile): string {
  return `127.0.0.1:${profile.kafka.port}`;
}

/** A single-node KRaft broker that is also its own controller; topics come only from the catalogue. */
function serverProperties(profile: StackProfile, logDir: string): string {
  const { port, controllerPort } = profile.kafka;
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${logDir}`,
    'auto.create.topics.enable=false',
    'num.partitions=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    // One node: a consumer group need not wait for more members before its first rebalance.
    'group.initial.rebalance.delay.ms=0',
    '',
  ].join('\n');
}

/** The broker's log4j settings: warnings, and the line that says the server started. */
export const KAFKA_LOG4J = [
  'log4j.rootLogger=WARN, stdout',
  'log4j.logger.kafka.server.KafkaRaftServer=INFO',
  'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
  'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
  'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
  '',
].join('\n');

/** Formats the KRaft store on first start, then starts the broker on Java with a bounded heap. */
export async function startKafkaBroker(profile: StackProfile): Promise<SupervisedProcess> {
  await assertPortFree(profile.kafka.port, 'the Kafka broker');
  await assertPortFree(profile.kafka.controllerPort, 'the Kafka controller');
  const home = join(profile.dataDir, 'kafka');
  const logDir = join(home, 'data');
  mkdirSync(home, { recursive: true });
  const propertiesFile = join(home, 'server.properties');
  const log4jFile = join(home, 'log4j.properties');
  writeFileSync(propertiesFile, serverProperties(profile, logDir));
  writeFileSync(log4jFile, KAFKA_LOG4J);
  const classpath = `${ToolPaths.kafkaLib}/*`;
  const jvm = ['-Xms256m', '-Xmx768m', '-XX:+UseG1GC', '-Djava.awt.headless=true', `-Dlog4j.configuration=file:${log4jFile}`, '-cp', classpath];
  if (!existsSync(join(logDir, 'meta.properties'))) {
    const clusterId = newKafkaClusterId();
    await runCommand('java', [...jvm, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', propertiesFile], {
      hint: `Formatting the KRaft store in ${logDir} failed; delete that folder (or start with --fresh) and try again.`,
    });
  }
  const logFile = join(profile.logDir, 'kafka.log');
  const broker = SupervisedProcess.start({ name: 'kafka', command: 'java', args: [...jvm, 'kafka.Kafka', propertiesFile], logFile });
  await waitUntil(
    async () => {
      broker.assertRunning();
      return isPortOpen(profile.kafka.port);
    },
    90_000,
    'the Kafka broker to listen',
    `Read its log: ${logFile}`,
  );
  return broker;
}
