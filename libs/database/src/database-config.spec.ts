import { ConfigError } from '@oioo/config';
import { loadDatabaseConfig } from './database-config';

describe('loadDatabaseConfig', () => {
  it('defaults to PGlite in memory', () => {
    expect(loadDatabaseConfig({})).toEqual({ driver: 'pglite' });
  });

  it('reads a PGlite data folder', () => {
    expect(loadDatabaseConfig({ DATABASE_DRIVER: 'pglite', DATABASE_DIR: '.data/identity' })).toEqual({ driver: 'pglite', dataDir: '.data/identity' });
  });

  it('reads a PostgreSQL server with its pool size', () => {
    expect(loadDatabaseConfig({ DATABASE_DRIVER: 'postgres', DATABASE_URL: 'postgres://identity:secret@db.internal:5432/oioo?sslmode=require', DATABASE_POOL_MAX: '25' })).toEqual({
      driver: 'postgres',
      url: 'postgres://identity:secret@db.internal:5432/oioo?sslmode=require',
      poolMax: 25,
    });
  });

  it('uses a pool of 10 by default and accepts postgresql:// URLs', () => {
    expect(loadDatabaseConfig({ DATABASE_DRIVER: 'postgres', DATABASE_URL: 'postgresql://db.internal/oioo' })).toEqual({ driver: 'postgres', url: 'postgresql://db.internal/oioo', poolMax: 10 });
  });

  it('treats empty variables as unset', () => {
    expect(loadDatabaseConfig({ DATABASE_DRIVER: '', DATABASE_DIR: '', DATABASE_URL: '', DATABASE_POOL_MAX: '' })).toEqual({ driver: 'pglite' });
  });

  it.each([
    [{ DATABASE_DRIVER: 'mysql' }, 'DATABASE_DRIVER'],
    [{ DATABASE_DRIVER: 'postgres' }, 'DATABASE_URL'],
    [{ DATABASE_DRIVER: 'postgres', DATABASE_URL: 'mysql://db.internal/oioo' }, 'DATABASE_URL'],
    [{ DATABASE_DRIVER: 'postgres', DATABASE_URL: 'postgres://' }, 'DATABASE_URL'],
    [{ DATABASE_POOL_MAX: '0' }, 'DATABASE_POOL_MAX'],
    [{ DATABASE_POOL_MAX: 'lots' }, 'DATABASE_POOL_MAX'],
    [{ DATABASE_POOL_MAX: '2.5' }, 'DATABASE_POOL_MAX'],
  ])('fails naming the bad variable for %p', (env, variable) => {
    expect(() => loadDatabaseConfig(env)).toThrow(ConfigError);
    expect(() => loadDatabaseConfig(env)).toThrow(new RegExp(`- ${variable}:`));
  });

  it('says why DATABASE_URL is required', () => {
    try {
      loadDatabaseConfig({ DATABASE_DRIVER: 'postgres' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([{ variable: 'DATABASE_URL', problem: 'is required when DATABASE_DRIVER is postgres' }]);
    }
  });

  it('never puts the URL, which may hold a password, in the error message', () => {
    expect(() => loadDatabaseConfig({ DATABASE_DRIVER: 'postgres', DATABASE_URL: 'mysql://identity:hunter2@db.internal/oioo' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });
});
