import { languageCode, languageLabel } from './languages.js';

describe('XLSForm language labels', () => {
  it.each([
    ['Français (fr)', 'fr'],
    ['English (en)', 'en'],
    ['fr', 'fr'],
    ['pt_BR', 'pt-BR'],
    ['Português (pt-BR)', 'pt-BR'],
    ['French', 'fr'],
    ['français', 'fr'],
    ['Español', 'es'],
    ['Anglais', 'en'],
    ['Klingon', undefined],
    ['Langue (xx yy)', undefined],
  ])('%s → %s', (label, code) => expect(languageCode(label)).toBe(code));

  it('writes ODK’s recommended form, which reads back to the same code', () => {
    for (const code of ['fr', 'en', 'es', 'de', 'oc']) expect(languageCode(languageLabel(code))).toBe(code);
    expect(languageLabel('fr')).toBe('Français (fr)');
    expect(languageLabel('oc')).toBe('oc');
  });
});
