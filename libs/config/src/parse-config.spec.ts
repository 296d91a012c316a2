import { z } from 'zod';
import { booleanVariable, portVariable } from './env-fields';
import { ConfigError, parseConfig } from './parse-config';

const schema = z.object({ HTTP_PORT: portVariable, DEBUG: booleanVariable.default(false) });

describe('parseConfig', () => {
  it('parses and coerces valid variables', () => {
    expect(parseConfig('svc', schema, { HTTP_PORT: '3101', DEBUG: 'false' })).toEqual({ HTTP_PORT: 3101, DEBUG: false });
  });

  it('names every missing or malformed variable in one error', () => {
    let caught: unknown;
    try {
      parseConfig('identity', schema, { DEBUG: 'yes' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.map((problem) => problem.variable);
    expect(problems).toEqual(['HTTP_PORT', 'DEBUG']);
    expect((caught as ConfigError).message).toMatch(/^identity: invalid configuration/);
  });

  it('rejects a port out of range', () => {
    expect(() => parseConfig('svc', schema, { HTTP_PORT: '70000' })).toThrow(/HTTP_PORT/);
  });
});
