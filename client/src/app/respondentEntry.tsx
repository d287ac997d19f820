/** Entry of the respondent page: no router, no i18next, no admin code (see the size budget). */
import { StrictMode } from 'react';
import type { Root } from 'react-dom/client';
import { I18nLiteProvider, preferredLanguage, type Catalogue } from '../lib/i18n-lite';
import { enRespondent } from '../lib/i18n/en-respondent';
import { frRespondent } from '../lib/i18n/fr-respondent';

// Static import: main.tsx's single dynamic import of this module then preloads SurveyJS and the page in
// parallel (one round trip less on a slow rural connection than a second lazy level).
import RespondentPage from '../features/respondent/components/RespondentPage';

const catalogues: Record<'fr' | 'en', Catalogue> = {
  fr: { respondent: frRespondent },
  en: { respondent: enRespondent },
};

export function mountRespondent(root: Root, slug: string, early?: Promise<Response>): void {
  const lang = preferredLanguage();
  document.documentElement.lang = lang;
  root.render(
    <StrictMode>
      <I18nLiteProvider lang={lang} catalogues={catalogues}>
        <RespondentPage slug={slug} search={window.location.search} early={early} />
      </I18nLiteProvider>
    </StrictMode>,
  );
}

/**
 * Keeps the respondent page available offline (public/sw.js, scope /s/ only: the admin app is never
 * cached). The files loaded before the worker took control are handed to it to cache.
 */
export function registerOfflineSupport(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  const register = () => {
    navigator.serviceWorker
      .register('/sw.js', { scope: '/s/' })
      .then(() => navigator.serviceWorker.ready)
      .then((reg) => {
        const urls = performance.getEntriesByType('resource').map((e) => e.name);
        reg.active?.postMessage({ type: 'cache', urls, page: window.location.pathname });
      })
      .catch(() => undefined);
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
