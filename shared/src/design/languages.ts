/**
 * XLSForm languages: a column `label::Français (fr)` (ODK's recommended form: a name, then the code in
 * parentheses), `label::fr`, or `label::French`. SurveyJS keys localised texts by locale code, and the
 * plain `label` column is the default text (`default`).
 */

const BY_NAME = new Map<string, string>([
  ['french', 'fr'],
  ['francais', 'fr'],
  ['english', 'en'],
  ['anglais', 'en'],
  ['spanish', 'es'],
  ['espanol', 'es'],
  ['espagnol', 'es'],
  ['german', 'de'],
  ['deutsch', 'de'],
  ['allemand', 'de'],
  ['italian', 'it'],
  ['italiano', 'it'],
  ['italien', 'it'],
  ['portuguese', 'pt'],
  ['portugues', 'pt'],
  ['portugais', 'pt'],
  ['arabic', 'ar'],
  ['arabe', 'ar'],
  ['dutch', 'nl'],
  ['nederlands', 'nl'],
  ['occitan', 'oc'],
  ['breton', 'br'],
  ['basque', 'eu'],
  ['euskara', 'eu'],
  ['catalan', 'ca'],
  ['catala', 'ca'],
]);

const NAMES = new Map<string, string>([
  ['fr', 'Français'],
  ['en', 'English'],
  ['es', 'Español'],
  ['de', 'Deutsch'],
  ['it', 'Italiano'],
  ['pt', 'Português'],
  ['nl', 'Nederlands'],
  ['ar', 'العربية'],
]);

const CODE = /^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?$/;

/** The locale code of an XLSForm language label, or undefined when it names none that we know. */
export function languageCode(label: string): string | undefined {
  const t = label.trim();
  const paren = /\(([^()]+)\)\s*$/.exec(t);
  if (paren && CODE.test(paren[1]!.trim())) return paren[1]!.trim().replace('_', '-');
  if (CODE.test(t)) return t.replace('_', '-');
  const folded = t
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  return BY_NAME.get(folded);
}

/** How the writer labels a language column: `Français (fr)` as ODK recommends, or the bare code. */
export function languageLabel(code: string): string {
  const name = NAMES.get(code);
  return name ? `${name} (${code})` : code;
}
