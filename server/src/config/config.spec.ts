import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to SQLite in ./data with the demo on', () => {
    const c = loadConfig({});
    expect(c.database).toMatchObject({ type: 'sqlite' });
    expect(c.database.type === 'sqlite' && c.database.path.endsWith('data/trame.sqlite')).toBe(true);
    expect(c).toMatchObject({
      port: 3000,
      demo: true,
      admin: null,
      publicUrl: 'http://localhost:3000',
      secureCookies: false,
    });
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@h/db' }).database).toEqual({
      type: 'postgres',
      url: 'postgres://u:p@h/db',
      logging: false,
    });
  });

  it('lists every bad key at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'abc',
        DATABASE_URL: 'mysql://x',
        TRAME_ADMIN_EMAIL: 'admin@example.org',
        TRAME_DEMO: 'peut-être',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const keys = (error as ConfigError).problems.map((p) => p.split(':')[0]);
    expect(keys).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'TRAME_DEMO', 'TRAME_ADMIN_PASSWORD']));
  });

  it('marks cookies Secure behind an https public URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://trame.example.org/' })).toMatchObject({
      publicUrl: 'https://trame.example.org',
      secureCookies: true,
    });
  });
});
