import { ConfigError } from '@oioo/config';
import { DEFAULT_PILOT_ID } from '@oioo/contracts';
import { DEFAULT_MATCH_THRESHOLD, DEFAULT_VAC_APPOINTMENT_LEAD_HOURS, loadIdentityConfig } from './identity-config';

/** What an empty environment gives. */
const DEFAULTS = { matchThreshold: 0.9, readmissionTimeCompression: 1, pilotId: DEFAULT_PILOT_ID, legalRouteTimeCompression: 1, vacAppointmentLeadHours: 72, readmissionTeams: ['south-east', 'north-west'], legalRouteTeams: ['legal-route'] };

describe('identity configuration', () => {
  it('uses a match threshold of 0.9 when IDENTITY_MATCH_THRESHOLD is unset or empty', () => {
    expect(DEFAULT_MATCH_THRESHOLD).toBe(0.9);
    expect(loadIdentityConfig({})).toEqual(DEFAULTS);
    expect(loadIdentityConfig({ IDENTITY_MATCH_THRESHOLD: '' })).toEqual(DEFAULTS);
  });

  it('reads IDENTITY_MATCH_THRESHOLD as a number', () => {
    expect(loadIdentityConfig({ IDENTITY_MATCH_THRESHOLD: '0.75' })).toEqual({ ...DEFAULTS, matchThreshold: 0.75 });
    expect(loadIdentityConfig({ IDENTITY_MATCH_THRESHOLD: '1' })).toEqual({ ...DEFAULTS, matchThreshold: 1 });
  });

  it('reads READMISSION_TIME_COMPRESSION, the demonstration setting, and refuses one below 1', () => {
    expect(loadIdentityConfig({ READMISSION_TIME_COMPRESSION: '1440' }).readmissionTimeCompression).toBe(1440);
    expect(() => loadIdentityConfig({ READMISSION_TIME_COMPRESSION: '0.5' })).toThrow(/READMISSION_TIME_COMPRESSION/);
  });

  it.each(['0', '1.5', 'high', '-0.2'])('refuses IDENTITY_MATCH_THRESHOLD=%s, naming the variable', (value) => {
    expect(() => loadIdentityConfig({ IDENTITY_MATCH_THRESHOLD: value })).toThrow(ConfigError);
    expect(() => loadIdentityConfig({ IDENTITY_MATCH_THRESHOLD: value })).toThrow(/IDENTITY_MATCH_THRESHOLD/);
  });

  it('reads PILOT_ID as an opaque pilot id, defaulting to the pilot in force, and refuses anything else', () => {
    expect(loadIdentityConfig({ PILOT_ID: '' }).pilotId).toBe(DEFAULT_PILOT_ID);
    expect(loadIdentityConfig({ PILOT_ID: 'pilot_UKFR00000002' }).pilotId).toBe('pilot_UKFR00000002');
    expect(() => loadIdentityConfig({ PILOT_ID: 'case_UKFR00000002' })).toThrow(/PILOT_ID/);
    expect(() => loadIdentityConfig({ PILOT_ID: 'UK France pilot' })).toThrow(/PILOT_ID/);
  });

  it('reads LEGAL_ROUTE_TIME_COMPRESSION, the demonstration setting, and refuses one below 1', () => {
    expect(loadIdentityConfig({ LEGAL_ROUTE_TIME_COMPRESSION: '1440' }).legalRouteTimeCompression).toBe(1440);
    expect(() => loadIdentityConfig({ LEGAL_ROUTE_TIME_COMPRESSION: '0.5' })).toThrow(/LEGAL_ROUTE_TIME_COMPRESSION/);
    expect(() => loadIdentityConfig({ LEGAL_ROUTE_TIME_COMPRESSION: 'fast' })).toThrow(/LEGAL_ROUTE_TIME_COMPRESSION/);
  });

  it('reads VAC_APPOINTMENT_LEAD_HOURS, 72 by default, and refuses a lead time that is not above 0', () => {
    expect(DEFAULT_VAC_APPOINTMENT_LEAD_HOURS).toBe(72);
    expect(loadIdentityConfig({ VAC_APPOINTMENT_LEAD_HOURS: '48' }).vacAppointmentLeadHours).toBe(48);
    expect(() => loadIdentityConfig({ VAC_APPOINTMENT_LEAD_HOURS: '0' })).toThrow(/VAC_APPOINTMENT_LEAD_HOURS/);
    expect(() => loadIdentityConfig({ VAC_APPOINTMENT_LEAD_HOURS: 'soon' })).toThrow(/VAC_APPOINTMENT_LEAD_HOURS/);
  });

  it('E1 reads EOI_WINDOWS as a JSON array of windows, in UTC; unset leaves the policy default', () => {
    expect(loadIdentityConfig({}).eoiWindows).toBeUndefined();
    expect(loadIdentityConfig({ EOI_WINDOWS: '[{"opensAt":"2025-09-01T00:00:00+02:00","closesAt":"2025-10-01T00:00:00Z"}]' }).eoiWindows).toEqual([
      { opensAt: '2025-08-31T22:00:00.000Z', closesAt: '2025-10-01T00:00:00.000Z' },
    ]);
  });

  it.each([
    ['not JSON', 'September'],
    ['not an array', '{"opensAt":"2025-09-01T00:00:00Z","closesAt":"2025-10-01T00:00:00Z"}'],
    ['empty', '[]'],
    ['a date, not an instant', '[{"opensAt":"2025-09-01","closesAt":"2025-10-01T00:00:00Z"}]'],
    ['closing before it opens', '[{"opensAt":"2025-10-01T00:00:00Z","closesAt":"2025-09-01T00:00:00Z"}]'],
    ['with an unknown field', '[{"opensAt":"2025-09-01T00:00:00Z","closesAt":"2025-10-01T00:00:00Z","note":"x"}]'],
  ])('E1 refuses EOI_WINDOWS %s, naming the variable', (_case, value) => {
    expect(() => loadIdentityConfig({ EOI_WINDOWS: value })).toThrow(ConfigError);
    expect(() => loadIdentityConfig({ EOI_WINDOWS: value })).toThrow(/EOI_WINDOWS/);
  });
});
