import { METADATA_ENCODING_KEY, type Payload, defaultPayloadConverter } from '@temporalio/common';
import { REDACTED, redactJson, redactPayload, redactValue } from './payload-redaction';

const read = (payload: Payload) => defaultPayloadConverter.fromPayload(payload);

describe('payload redaction for operators', () => {
  it('S3 keeps ids, states, rules and deadlines and redacts everything else, at any depth', () => {
    const view = {
      caseId: 'case_01J9ZQ4X7K3M2N8P6R5T',
      state: 'awaiting-reply',
      onHold: true,
      holds: [{ reference: 'JR-2026-0042', kind: 'judicial-review', placedAt: '2026-12-01T10:00:00Z' }],
      nextDeadline: { rule: 'R4', at: '2026-12-20T00:00:00Z' },
      arrivedAt: '2026-11-30T04:12:00Z',
      outcomeReason: 'Amira Haddad withdrew',
      timeline: [{ at: '2026-12-01T10:00:00Z', what: 'hold placed', by: 'cw_01ALICE00000', why: 'her solicitor called', evidence: ['letter.pdf'] }],
      alerts: ['escalated'],
    };
    expect(redactJson(view)).toEqual({
      caseId: 'case_01J9ZQ4X7K3M2N8P6R5T',
      state: 'awaiting-reply',
      onHold: true,
      holds: REDACTED,
      nextDeadline: { rule: 'R4', at: '2026-12-20T00:00:00Z' },
      arrivedAt: REDACTED,
      outcomeReason: REDACTED,
      timeline: [{ at: '2026-12-01T10:00:00Z', what: 'hold placed', by: REDACTED, why: REDACTED, evidence: REDACTED }],
      alerts: ['escalated'],
    });
  });

  it('deny by default: an unknown field is redacted, and an object under it keeps only its known fields', () => {
    expect(redactJson({ person: { name: 'Amira Haddad', nationality: 'SD', caseId: 'case_01J9ZQ4X7K3M2N8P6R5T' }, notes: ['x'] })).toEqual({
      person: { name: REDACTED, nationality: REDACTED, caseId: 'case_01J9ZQ4X7K3M2N8P6R5T' },
      notes: REDACTED,
    });
    expect(redactJson('Amira Haddad')).toBe(REDACTED);
    expect(redactJson([{ state: 'screening', name: 'A' }, 'B'])).toEqual([{ state: 'screening', name: REDACTED }, REDACTED]);
  });

  it('keeps the workflow metadata query\'s handler list, so an SRE can pick a query in the Web UI, and redacts its details', () => {
    const metadata = { definition: { type: 'readmissionCaseWorkflow', queryDefinitions: [{ name: 'caseView', description: '' }], signalDefinitions: [{ name: 'arrivalRecorded' }] }, currentDetails: 'Amira Haddad' };
    expect(redactValue(metadata)).toEqual({ definition: metadata.definition, currentDetails: REDACTED });
    const lookalike = { definition: { type: 'x', queryDefinitions: [{ name: 'Amira Haddad', nationality: 'SD' }] } };
    expect(redactValue(lookalike)).toEqual({ definition: { type: 'x', queryDefinitions: REDACTED } });
  });

  it('redacts a JSON payload into a JSON payload the Web UI shows, passes null through, and replaces bytes whole', () => {
    const json = redactPayload(defaultPayloadConverter.toPayload({ caseId: 'case_01J9ZQ4X7K3M2N8P6R5T', name: 'Amira Haddad' }));
    expect(Buffer.from(json.metadata?.[METADATA_ENCODING_KEY] ?? []).toString()).toBe('json/plain');
    expect(read(json)).toEqual({ caseId: 'case_01J9ZQ4X7K3M2N8P6R5T', name: REDACTED });
    const nothing = defaultPayloadConverter.toPayload(undefined);
    expect(redactPayload(nothing)).toBe(nothing);
    expect(read(redactPayload(defaultPayloadConverter.toPayload(new Uint8Array([65, 109, 105, 114, 97]))))).toBe(REDACTED);
    expect(read(redactPayload({ metadata: { [METADATA_ENCODING_KEY]: Buffer.from('json/plain') }, data: Buffer.from('{not json') }))).toBe(REDACTED);
  });
});
