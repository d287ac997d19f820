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
