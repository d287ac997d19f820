import { ConfigError, loadConfig } from './config.js';

/** TRAME_ADMIN_PASSWORD resets the administrator's password at start: it follows the password rule. */
describe('TRAME_ADMIN_PASSWORD', () => {
  const problemsOf = (password: string) => {
    try {
      loadConfig({ TRAME_ADMIN_EMAIL: 'admin@example.org', TRAME_ADMIN_PASSWORD: password });
      return [];
    } catch (e) {
      if (e instanceof ConfigError) return e.problems;
      throw e;
    }
  };

  it('accepts a passphrase', () => {
    expect(problemsOf('correct horse battery staple')).toEqual([]);
  });

  it('refuses a short, a common or the e-mail as password, saying why in French', () => {
    expect(problemsOf('Tr0ub4dor&3')).toEqual([expect.stringMatching(/^TRAME_ADMIN_PASSWORD: 15 caractères au moins/)]);
    expect(problemsOf('motdepasse123456')).toEqual([
      expect.stringMatching(/^TRAME_ADMIN_PASSWORD: mot de passe trop courant ou trop facile à deviner/),
    ]);
    expect(problemsOf('Admin@Example.org')).toEqual([
      'TRAME_ADMIN_PASSWORD: le mot de passe ne doit pas être l’adresse e-mail',
    ]);
  });
});
