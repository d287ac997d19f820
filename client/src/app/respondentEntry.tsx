/** Entry of the respondent page: no router, no i18next, no admin code (see the size budget). */
import { StrictMode, Suspense, lazy } from 'react';
import type { Root } from 'react-dom/client';
import { I18nLiteProvider, preferredLanguage, type Catalogue } from '../lib/i18n-lite';
import { enRespondent } from '../lib/i18n/en-respondent';
import { frRespondent } from '../lib/i18n/fr-respondent';

const RespondentPage = lazy(() => import('../features/respondent/components/RespondentPage'));

const catalogues: Record<'fr' | 'en', Catalogue> = {
  fr: { respondent: frRespondent },
  en: { respondent: enRespondent },
};

export function mountRespondent(root: Root, slug: string): void {
  const lang = preferredLanguage();
  document.documentElement.lang = lang;
  root.render(
    <StrictMode>
      <I18nLiteProvider lang={lang} catalogues={catalogues}>
        <Suspense fallback={<p className="app-loading" role="status" aria-busy="true" />}>
          <RespondentPage slug={slug} search={window.location.search} />
        </Suspense>
      </I18nLiteProvider>
    </StrictMode>,
  );
}
