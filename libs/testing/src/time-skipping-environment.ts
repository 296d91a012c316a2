import { join, resolve } from 'node:path';
import { searchAttributeRegistrations } from '@oioo/contracts';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import { installQuietTemporalRuntime } from './quiet-runtime';

/** The wrapper that `npm test` provisions around Temporal's Java time-skipping test server. */
function testServerPath(): string {
  return process.env['TEMPORAL_TEST_SERVER_PATH'] ?? join(resolve(__dirname, '..', '..', '..'), '.tools', 'bin', 'temporal-test-server');
}

const INDEXED_VALUE_TYPES: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  Text: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  Keyword: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Int: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  Double: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  Bool: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  Datetime: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  KeywordList: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

/**
 * Starts Temporal's Java time-skipping test server (a 14-day timer fires as soon as nothing else is
 * pending) with the platform's search attributes registered, as workflows upsert them.
 */
export async function startTimeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  installQuietTemporalRuntime();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServerPath() } },
  });
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(searchAttributeRegistrations.map(({ name, cliType }) => [name, INDEXED_VALUE_TYPES[cliType] as temporal.api.enums.v1.IndexedValueType])),
  });
  return env;
}
