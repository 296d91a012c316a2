import { type Client } from '@temporalio/client';
import { type KafkaConfig } from '@oioo/kafka';

/**
 * The running platform a chaos run drives: the casework API people call, the Temporal client the final
 * state is read with (workflow histories and queries), the pilot whose ledger the run watches, the Kafka
 * cluster the agencies publish to, and how a seeded person signs in. The in-process platform of the tests,
 * the local dev stack and the cluster profile all fit it.
 */
export interface ChaosTarget {
  caseworkUrl: string;
  temporal: Client;
  pilotId: string;
  kafka: KafkaConfig;
  /** A seeded person's access token for the casework API (authorization code with PKCE, as a person signs in). */
  signIn(username: string): Promise<string>;
}
