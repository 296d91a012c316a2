import { ConfigError } from '@oioo/config';
import { DEFAULT_MATCH_THRESHOLD, loadIdentityConfig } from './identity-config';

describe('identity configuration', () => {
  it('uses a match threshold of 0.9 when IDENTITY_MATCH_THRESHOLD is unset or empty', () => {
    expect(DEFAULT_MATCH_THRESHOLD).toBe(0.9);
    expect(loadIdentityConfig({})).toEqual({ matchThreshold: 0.9, readmissionTimeCompression: 1 });
    expect(loadIdentityConfig({ IDENTITY_MATCH_THRESHOLD: '' })).toEqual({ matchThreshold: 0.9, readmissionTimeCompression: 1 });
  });

  it('reads IDENTITY_MATCH_THRESHOLD as a number', () => {
    expect(loadIdentityConfig({ IDENTITY_MATCH_THRESHOLD: '0.75' })).toEqual({ matchThreshold: 0.75, readmissionTimeCompression: 1 });
    expect(loadIdentityConfig({ IDENTITY_MATCH_THRESHOLD: '1' })).toEqual({ matchThreshold: 1, readmissionTimeCompression: 1 });
  });

  it('reads READMISSION_TIME_COMPRESSION, the demonstration setting, and refuses one below 1', () => {
    expect(loadIdentityConfig({ READMISSION_TIME_COMPRESSION: '1440' }).readmissionTimeCompression).toBe(1440);
    expect(() => loadIdentityConfig({ READMISSION_TIME_COMPRESSION: '0.5' })).toThrow(/READMISSION_TIME_COMPRESSION/);
  });

  it.each(['0', '1.5', 'high', '-0.2'])('refuses IDENTITY_MATCH_THRESHOLD=%s, naming the variable', (value) => {
    expect(() => loadIdentityConfig({ IDENTITY_MATCH_THRESHOLD: value })).toThrow(ConfigError);
    expect(() => loadIdentityConfig({ IDENTITY_MATCH_THRESHOLD: value })).toThrow(/IDENTITY_MATCH_THRESHOLD/);
  });
});
