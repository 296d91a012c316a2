import { type Provider } from '@nestjs/common';
import { type Client } from '@temporalio/client';
import { ClientCredentialsTokenSource } from '@oioo/auth';
import { CASE_DATA_KEYS, type CaseDataKeys, TEMPORAL_CLIENT, loadTemporalConfig, temporalDataConverter } from '@oioo/temporal';
import { TemporalCaseHistories } from './case-histories';
import { HistoryDecoder } from './history-events';
import { HttpSubjectAccessSources } from './service-sources';
import { SUBJECT_ACCESS_CONFIG, type SubjectAccessConfig, loadSubjectAccessConfig } from './subject-access-config';
import { CASE_HISTORIES, SUBJECT_ACCESS_SOURCES, SubjectAccessService } from './subject-access.service';

/** The subject-access providers, added to the casework module (they share its Temporal client and consultation log). */
export const SUBJECT_ACCESS_PROVIDERS: Provider[] = [
  { provide: SUBJECT_ACCESS_CONFIG, useFactory: () => loadSubjectAccessConfig() },
  {
    provide: SUBJECT_ACCESS_SOURCES,
    // The services admit casework's own client-credentials token (svc-casework) on their subject-access routes.
    useFactory: (config: SubjectAccessConfig) => (config.sources ? new HttpSubjectAccessSources(config.sources, new ClientCredentialsTokenSource(config.sources.credentials)) : null),
    inject: [SUBJECT_ACCESS_CONFIG],
  },
  {
    provide: CASE_HISTORIES,
    // Histories are decoded through the platform's data converter, with this process's own vault for the case keys (S4).
    useFactory: (client: Client, dataKeys: CaseDataKeys) => {
      const config = loadTemporalConfig(process.env, 'casework');
      return new TemporalCaseHistories(client, new HistoryDecoder(temporalDataConverter(config, { dataKeys }), config.namespace));
    },
    inject: [TEMPORAL_CLIENT, CASE_DATA_KEYS],
  },
  SubjectAccessService,
];
