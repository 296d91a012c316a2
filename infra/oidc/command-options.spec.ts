import { testProfile, testSlotProfile } from '../stack/stack-profile';
import { parseOptions, profileNamed } from './command-options';

describe('command options', () => {
  it('splits options with values from positional arguments', () => {
    const { options, positional } = parseOptions(['alice', '--profile', 'test', '--password=a=b'], ['profile', 'password'], 'usage');
    expect(positional).toEqual(['alice']);
    expect(Object.fromEntries(options)).toEqual({ profile: 'test', password: 'a=b' });
  });

  it('refuses unknown options and options without a value', () => {
    expect(() => parseOptions(['--colour', 'red'], ['profile'], 'usage')).toThrow('Unknown option --colour.');
    expect(() => parseOptions(['--profile'], ['profile'], 'usage')).toThrow('--profile needs a value.');
  });

  it('names the stack by profile, dev by default', () => {
    expect(profileNamed(undefined).oidc).toBe(3100);
    // The test stack of this process, which OIOO_TEST_SLOT moves for a parallel run; without a slot, 13100 as documented.
    expect(profileNamed('test')).toBe(testProfile);
    expect(testSlotProfile(undefined).oidc).toBe(13100);
    expect(() => profileNamed('prod')).toThrow('Unknown profile prod.');
  });
});
