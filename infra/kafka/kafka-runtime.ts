import { join } from 'node:path';
import { ensureMavenRuntime } from '../stack/maven-runtime';
import { ToolPaths } from '../stack/tool-paths';

/** Provisions the Apache Kafka broker's jars from Maven Central (the versions pinned in pom.xml beside this file). */
export async function ensureKafka(): Promise<void> {
  await ensureMavenRuntime('Apache Kafka broker', join(__dirname, 'pom.xml'), ToolPaths.kafkaLib);
}
