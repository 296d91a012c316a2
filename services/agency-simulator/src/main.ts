import { createLogger } from '@oioo/config';
import { EventConsumer, EventProducer, createKafkaJsTransport, loadKafkaConfig } from '@oioo/kafka';
import { createTemporalClient, loadTemporalConfig } from '@oioo/temporal';
import { AgencySimulator } from './agency-simulator';
import { loadSimulatorConfig } from './simulator-config';

/** Simulator entry point (`npm start -- --simulate`): runs until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const logger = createLogger('agency-simulator');
  const config = loadSimulatorConfig(process.env);
  const kafka = loadKafkaConfig(process.env);
  const transport = createKafkaJsTransport({ config: kafka, clientId: 'agency-simulator', logger });
  const producer = new EventProducer(transport.createProducer(), logger);
  const consumer = new EventConsumer({
    transport: transport.createConsumer({ groupId: 'agency-simulator' }),
    deadLetters: producer,
    groupId: 'agency-simulator',
    maxAttempts: kafka.consumer.maxAttempts,
    retryBackoffMs: kafka.consumer.retryBackoffMs,
    fromBeginning: false,
    logger,
  });
  const temporal = await createTemporalClient(loadTemporalConfig(process.env));
  const simulator = new AgencySimulator({ config, producer, consumer, temporal, logger });
  await simulator.start();
  logger.info('simulating', {
    compression: config.SIM_TIME_COMPRESSION,
    arrivalsPerDay: config.SIM_ARRIVALS_PER_DAY,
    legalRoute: config.SIM_LEGAL_ROUTE,
    eoisPerDay: config.SIM_LEGAL_ROUTE ? config.SIM_EOIS_PER_DAY : 0,
    seed: config.SIM_SEED,
  });
  const stop = async () => {
    await simulator.stop();
    await temporal.connection.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`agency-simulator: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
