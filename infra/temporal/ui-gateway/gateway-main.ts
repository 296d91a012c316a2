import { createLogger } from '@oioo/config';
import { loadUiGatewayConfig } from './gateway-config';
import { GatewaySessions } from './gateway-sessions';
import { discoverGatewaySignIn } from './gateway-sign-in';
import { createUiGateway } from './ui-gateway';

/** The Temporal Web UI's sign-in gateway as its own process (`npm start` runs it on the UI's port). */
async function main(): Promise<void> {
  const logger = createLogger('temporal-ui');
  const config = loadUiGatewayConfig();
  const server = createUiGateway({ config, signIn: await discoverGatewaySignIn(config), sessions: new GatewaySessions(), logger });
  server.listen(config.port, config.host, () => logger.info('listening', { url: config.publicUrl.origin, ui: config.uiBackendUrl, codec: config.codecUrl }));
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`temporal-ui: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
