import { Client, Connection } from '@temporalio/client';
import { connectionOptions } from './connection-options';
import { type DataKeyOptions, temporalDataConverter } from './data-converter';
import { tracingClientInterceptors } from './client-tracing';
import { type TemporalConfig } from './temporal-config';

/** Opens a client connection to the configured cluster (TLS, mTLS or API key as configured). Close it on shutdown. */
export async function createTemporalConnection(config: TemporalConfig): Promise<Connection> {
  return Connection.connect(connectionOptions(config));
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
