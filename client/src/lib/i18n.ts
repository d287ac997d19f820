/**
 * i18next, French first. The respondent catalogue is tiny and always bundled; the admin catalogue is
 * added by the admin shell when it loads (see src/app/AdminShell.tsx), so respondents never download it.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { enRespondent } from './i18n/en-respondent';
import { frRespondent } from './i18n/fr-respondent';

const LANG_KEY = 'trame:lang';

function initialLanguage(): string {
  try {
    const saved = window.localStorage.getItem(LANG_KEY);
    if (saved === 'fr' || saved === 'en') return saved;
  } catch {
    /* ignore */
  }
  return 'fr';
}

void i18n.use(initReactI18next).init({
  lng: initialLanguage(),
  fallbackLng: 'fr',
  supportedLngs: ['fr', 'en'],
  resources: {
    fr: { translation: { respondent: frRespondent } },
    en: { translation: { respondent: enRespondent } },
  },
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function setLanguage(lang: 'fr' | 'en'): void {
  try {
    window.localStorage.setItem(LANG_KEY, lang);
  } catch {
    /* ignore */
  }
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

export function addCatalogue(name: string, fr: object, en: object): void {
  i18n.addResourceBundle('fr', 'translation', { [name]: fr }, true, true);
  i18n.addResourceBundle('en', 'translation', { [name]: en }, true, true);
}

export default i18n;
