import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from './password-policy.js';

describe('passwordProblem', () => {
  it('accepts long passphrases, whatever their characters', () => {
    for (const p of [
      'correct horse battery staple',
      'mot-de-passe-solide-42',
      'la chèvre mange des cerises',
      'LtjLvR9ysDX1qMdQ',
      'ça-roule-🚲-au-marché',
    ])
      expect({ p, problem: passwordProblem(p, 'admin@example.org') }).toEqual({ p, problem: null });
  });

  it(`refuses fewer than ${PASSWORD_MIN_LENGTH} code points, counting an emoji as one`, () => {
    expect(passwordProblem('Xq7!vB2#kP9@', 'a@b.org')).toMatch(/^15 caractères au moins \(12 ici\)/);
    // 14 emoji are 28 UTF-16 units but 14 characters.
    expect(passwordProblem('🚲'.repeat(14))).toMatch(/15 caractères au moins \(14 ici\)/);
  });

  it(`refuses more than ${PASSWORD_MAX_LENGTH} characters`, () => {
    expect(passwordProblem('a b '.repeat(40))).toBe('128 caractères au plus');
  });

  it('refuses common, repeated, sequential and keyboard passwords with a French reason', () => {
    for (const p of [
      'passwordpassword',
      'motdepasse123456',
      'azertyuiop123456',
      'aaaaaaaaaaaaaaaa',
      '123456789012345',
      'qwertyuiopasdfgh',
      'iloveyou12345678',
    ])
      expect({ p, problem: passwordProblem(p) }).toEqual({
        p,
        problem: expect.stringMatching(/^mot de passe trop courant ou trop facile à deviner/),
      });
  });

  it('refuses the e-mail address, whatever its case', () => {
    expect(passwordProblem(' Camille.Durand@coopart.fr', 'camille.durand@coopart.fr')).toBe(
      'le mot de passe ne doit pas être l’adresse e-mail',
    );
  });

  it('stays fast on the longest, most pattern-laden passwords', () => {
    for (const unit of ['p4ssw0rd', '1234567890', 'azerty12', '1q2w3e']) {
      const started = performance.now();
      expect(passwordProblem(unit.repeat(20).slice(0, PASSWORD_MAX_LENGTH))).toMatch(/trop facile à deviner/);
      // 0.2 s on an idle machine; the margin is for loaded CI machines.
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });
});
