import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as fr from '@zxcvbn-ts/language-fr';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@trame/shared';

/**
 * The rule for every password Trame sets (password change, TRAME_ADMIN_PASSWORD at boot), after NIST
 * SP 800-63B-4 and ANSSI: length, no composition rules, and a refusal of common and guessable values.
 * See docs/adr/0004-passwords.md for the numbers.
 */
// The bounds are the contract's (shared/src/api/auth.ts), which the web app's form shows; the guessability
// check's work grows faster than the length (about 0.2 s at 128).
export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };
/** zxcvbn score 3: at least 10^8 guesses, after common passwords, words, names, keyboard walks, dates, repeats. */
const MIN_SCORE = 3;

let estimator: ZxcvbnFactory | null = null;

/** Built on first use: loading the dictionaries takes about 0.3 s, which a start without a password skips. */
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    // The breached-password list (language-common) and the French and English words, first names,
    // last names and Wikipedia terms: the UI is French first, and English passwords are common everywhere.
    dictionary: { ...common.dictionary, ...fr.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: fr.translations,
    // The default (100) lets a 128-character l33t-heavy password cost seconds of CPU ('p4ssw0rd' x 16: 4.6 s);
    // 10 substitutions cost 0.2 s at worst and still see through 'p4ssw0rd'-style passwords.
    l33tMaxSubstitutions: 10,
  });
  return estimator;
}

/**
 * Why this password may not be set, in French for the user, or null when it may.
 * Lengths count Unicode code points, as NIST asks, not UTF-16 units.
 */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH)
    return `${PASSWORD_MIN_LENGTH} caractères au moins (${length} ici) : quelques mots sans rapport entre eux font l’affaire`;
  if (length > PASSWORD_MAX_LENGTH) return `${PASSWORD_MAX_LENGTH} caractères au plus`;
  const normalisedEmail = email?.trim().toLowerCase();
  if (normalisedEmail && password.trim().toLowerCase() === normalisedEmail)
    return 'le mot de passe ne doit pas être l’adresse e-mail';
  // Context-specific words (NIST): the e-mail, its parts and the service's name count as known to an attacker.
  const context = ['trame'];
  if (normalisedEmail) context.push(normalisedEmail, ...normalisedEmail.split(/[@.+_-]+/).filter((p) => p.length >= 3));
  const result = zxcvbn().check(password, context);
  if (result.score >= MIN_SCORE) return null;
  const why = result.feedback.warning ? ` (${result.feedback.warning.replace(/\.$/, '')})` : '';
  return `mot de passe trop courant ou trop facile à deviner${why} : choisissez par exemple quelques mots sans rapport entre eux`;
}
