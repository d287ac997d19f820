/**
 * i18next for the admin app, French first with an English catalogue. Imported only by the admin entry:
 * the respondent page reads its own catalogue through lib/i18n-lite.ts (size budget).
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { enRespondent } from './i18n/en-respondent';
import { frRespondent } from './i18n/fr-respondent';
import { enAdmin } from './i18n/en-admin';
import { frAdmin } from './i18n/fr-admin';

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
    fr: { translation: { ...frAdmin, respondent: frRespondent } },
    en: { translation: { ...enAdmin, respondent: enRespondent } },
  },
  interpolation: { escapeValue: false },
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

export default i18n;
