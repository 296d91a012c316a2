import { Client, Connection } from '@temporalio/client';
import { type ConnectRetryOptions, connectWithRetry } from '@oioo/config';
import { connectionOptions } from './connection-options';
import { type DataKeyOptions, temporalDataConverter } from './data-converter';
import { tracingClientInterceptors } from './client-tracing';
import { type TemporalConfig } from './temporal-config';

/** Opens a client connection to the configured cluster (TLS, mTLS or API key as configured), waiting a while for a server that is briefly away. Close it on shutdown. */
export async function createTemporalConnection(config: TemporalConfig, retry?: ConnectRetryOptions): Promise<Connection> {
  return connectWithRetry(() => Connection.connect(connectionOptions(config)), { target: 'Temporal', ...retry });
}

/**
 * Creates a Client on the configured namespace with the encrypting data converter (and the tracing interceptors when tracing is on). Pass a connection to share
 * one between clients; otherwise a new one is opened, and the caller closes `client.connection` on shutdown.
 */
export async function createTemporalClient(config: TemporalConfig, connection?: Connection, dataKeys: DataKeyOptions = {}): Promise<Client> {
  const interceptors = tracingClientInterceptors();
  return new Client({
    connection: connection ?? (await createTemporalConnection(config)),
    namespace: config.namespace,
    dataConverter: temporalDataConverter(config, dataKeys),
    ...(interceptors ? { interceptors } : {}),
  });
}
