import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Topics } from '@oioo/contracts';
import { fixKafkaJsIdleLoop, loadKafkaConfig } from '@oioo/kafka';
import { loadNow, machineLine, median, runBenchmark, say } from './support/bench-report';

/** How long each process sits connected and idle while its CPU is counted, and how many rounds of each variant. */
const IDLE_SECONDS = Number(process.env['BENCH_KAFKA_IDLE_SECONDS'] ?? 20);
const ROUNDS = Number(process.env['BENCH_KAFKA_IDLE_ROUNDS'] ?? 3);
/** Connected first and not counted: the consumer joins its group and the first fetches settle. */
const SETTLE_SECONDS = 5;
const RESULTS_FILE = join(__dirname, 'results', 'kafkajs-idle.md');

type Variant = 'kafkajs as released' | 'with fixKafkaJsIdleLoop';

/** One process's idle CPU. */
interface Round {
  variant: Variant;
  cpuMsPerSecond: number;
  load: string;
}

/**
 * The CPU a process spends holding kafkajs connections while no message moves: a producer, an admin client
 * and a consumer in a group on one topic, connected to the broker and left idle. The baseline is kafkajs as
 * released, whose request queues run a 1 ms timer per connection (tulios/kafkajs#1556); the other variant
 * applies `fixKafkaJsIdleLoop` first. Each round runs each variant in a fresh process of its own, in
 * alternating order, so the global patch of one never reaches the other.
 */
async function main(): Promise<void> {
  const child = process.argv[2] === '--child' ? (process.argv[3] as Variant) : undefined;
  if (child) return measureChild(child);
  const rounds: Round[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const order: Variant[] = round % 2 === 0 ? ['kafkajs as released', 'with fixKafkaJsIdleLoop'] : ['with fixKafkaJsIdleLoop', 'kafkajs as released'];
    for (const variant of order) {
      const load = loadNow();
      say(`round ${round + 1} of ${ROUNDS}: ${variant}, ${IDLE_SECONDS} s idle`);
      const output = execFileSync(process.execPath, [...process.execArgv, __filename, '--child', variant], { env: process.env, encoding: 'utf8' });
      const { cpuMsPerSecond } = JSON.parse(output.trim().split('\n').pop() ?? '{}') as { cpuMsPerSecond: number };
      say(`  ${cpuMsPerSecond.toFixed(1)} ms of CPU a second (load ${load})`);
      rounds.push({ variant, cpuMsPerSecond, load });
    }
  }
  const report = renderReport(rounds);
  writeFileSync(RESULTS_FILE, report);
  process.stdout.write(`\n${report}\n`);
  say(`written to ${RESULTS_FILE}`);
}

/** In a child process: connects, settles, counts the CPU of an idle stretch and prints it as JSON. */
async function measureChild(variant: Variant): Promise<void> {
  if (variant === 'with fixKafkaJsIdleLoop') fixKafkaJsIdleLoop();
  const config = loadKafkaConfig(process.env);
  const kafka = new Kafka({ clientId: 'bench-kafkajs-idle', brokers: config.brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  const admin = kafka.admin();
  const consumer = kafka.consumer({ groupId: `bench-kafkajs-idle-${randomUUID()}` });
  await Promise.all([producer.connect(), admin.connect(), consumer.connect()]);
  await consumer.subscribe({ topic: Topics.arrivalRecorded.name, fromBeginning: false });
  await consumer.run({ eachMessage: async () => undefined });
  await new Promise((resolve) => setTimeout(resolve, SETTLE_SECONDS * 1000));
  const before = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
  const used = process.cpuUsage(before);
  await Promise.all([consumer.disconnect(), admin.disconnect(), producer.disconnect()]);
  process.stdout.write(`${JSON.stringify({ cpuMsPerSecond: (used.user + used.system) / 1000 / IDLE_SECONDS })}\n`);
}

function renderReport(rounds: Round[]): string {
  const medianOf = (variant: Variant) => median(rounds.filter((round) => round.variant === variant).map((round) => round.cpuMsPerSecond));
  const released = medianOf('kafkajs as released');
  const fixed = medianOf('with fixKafkaJsIdleLoop');
  return [
    '# kafkajs at rest: benchmark results',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machineLine()}, kafkajs connected to one Kafka broker (KRaft). One run. Each round starts one process per variant, in alternating order; a process connects a producer, an admin client and a consumer in a group of its own on \`${Topics.arrivalRecorded.name}\`, waits ${SETTLE_SECONDS} s, then counts its CPU (user and system) over ${IDLE_SECONDS} s in which no message moves. Load is the machine's 1-minute load average at each process's start.`,
    '',
    '| round | variant | CPU ms a second | load |',
    '|---|---|---|---|',
    ...rounds.map((round, index) => `| ${Math.floor(index / 2) + 1} | ${round.variant} | ${round.cpuMsPerSecond.toFixed(1)} | ${round.load} |`),
    '',
    `- Median: **${fixed.toFixed(1)} ms of CPU a second** with the fix against **${released.toFixed(1)}** for kafkajs as released (the baseline): **${(fixed / released).toFixed(2)}×**, ${((released - fixed) / 10).toFixed(1)}% of a core saved in every idle process that holds kafkajs connections.`,
    '',
  ].join('\n');
}

runBenchmark(main);
