import type { PersonCaller, Role } from '@oioo/auth';
import { disclosureFor, mayEncode } from './codec-access';
import { ConsultationWindow } from './consultation-window';
import { caseRefOfWorkflowId } from './owning-case';

const person = (roles: Role[], team?: string): PersonCaller => ({ kind: 'person', subject: 'cw_01TEST000000', actorId: 'cw_01TEST000000', name: 'Test', roles, ...(team ? { team } : {}) });
const southEastCase = { kind: 'readmission', team: 'south-east' } as const;

describe('codec server access', () => {
  it('S3 a caseworker or senior of the case\'s team decodes its payloads whole', () => {
    expect(disclosureFor(person(['caseworker'], 'south-east'), southEastCase)).toBe('full');
    expect(disclosureFor(person(['senior-caseworker'], 'south-east'), southEastCase)).toBe('full');
  });

  it('a caseworker of another team, or of no team, decodes nothing of the case', () => {
    expect(disclosureFor(person(['caseworker'], 'north-west'), southEastCase)).toBe('none');
    expect(disclosureFor(person(['caseworker']), southEastCase)).toBe('none');
    expect(disclosureFor(person(['caseworker'], 'south-east'), { kind: 'readmission' })).toBe('none');
  });

  it('S3 an SRE decodes every case with personal fields redacted', () => {
    expect(disclosureFor(person(['sre']), southEastCase)).toBe('redacted');
    expect(disclosureFor(person(['sre']), { kind: 'eoi', team: 'legal-route' })).toBe('redacted');
  });

  it('a liaison officer decodes readmission cases whole and no EOI', () => {
    expect(disclosureFor(person(['liaison-officer']), southEastCase)).toBe('full');
    expect(disclosureFor(person(['liaison-officer']), { kind: 'eoi', team: 'legal-route' })).toBe('none');
  });

  it('auditors and ledger officers decode nothing: auditors read with a purpose through the API', () => {
    expect(disclosureFor(person(['auditor']), southEastCase)).toBe('none');
    expect(disclosureFor(person(['ledger-officer']), southEastCase)).toBe('none');
    expect(disclosureFor(person(['auditor']), undefined)).toBe('none');
  });

  it('a payload with no owning case is redacted at most, whoever asks', () => {
    expect(disclosureFor(person(['caseworker'], 'south-east'), undefined)).toBe('redacted');
    expect(disclosureFor(person(['senior-caseworker', 'sre'], 'south-east'), undefined)).toBe('redacted');
  });

  it('encodes inputs for SREs only, and an empty argument list (a query\'s) for anyone who may decode', () => {
    expect(mayEncode(person(['sre']), 2)).toBe(true);
    expect(mayEncode(person(['caseworker'], 'south-east'), 1)).toBe(false);
    expect(mayEncode(person(['caseworker'], 'south-east'), 0)).toBe(true);
  });

  it('finds the owning case only in a well-formed case workflow id', () => {
    expect(caseRefOfWorkflowId('readmission:case_01J9ZQ4X7K3M2N8P6R5T')).toEqual({ kind: 'readmission', id: 'case_01J9ZQ4X7K3M2N8P6R5T', workflowId: 'readmission:case_01J9ZQ4X7K3M2N8P6R5T' });
    expect(caseRefOfWorkflowId('eoi:eoi_01J9ZQ4X7K3M2N8P')).toMatchObject({ kind: 'eoi', id: 'eoi_01J9ZQ4X7K3M2N8P' });
    expect(caseRefOfWorkflowId('ledger:pilot_UKFR00000001')).toBeUndefined();
    expect(caseRefOfWorkflowId('readmission:Amira Haddad')).toBeUndefined();
    expect(caseRefOfWorkflowId('readmission')).toBeUndefined();
    expect(caseRefOfWorkflowId(undefined)).toBeUndefined();
  });

  it('S3 records one consultation per person and case within the window, and again after it', () => {
    let now = 0;
    const window = new ConsultationWindow(60_000, () => now);
    expect(window.shouldRecord('cw_a', 'readmission:case_1')).toBe(true);
    expect(window.shouldRecord('cw_a', 'readmission:case_1')).toBe(false);
    expect(window.shouldRecord('cw_b', 'readmission:case_1')).toBe(true);
    now = 60_000;
    expect(window.shouldRecord('cw_a', 'readmission:case_1')).toBe(true);
    window.forget('cw_a', 'readmission:case_1');
    expect(window.shouldRecord('cw_a', 'readmission:case_1')).toBe(true);
  });
});
