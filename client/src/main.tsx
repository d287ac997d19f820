/**
 * Two entries behind one HTML page: `/s/:slug` mounts the respondent page (SurveyJS only), everything
 * else mounts the admin app (router, i18next, Chart.js…). Each half is a dynamic import, so a respondent
 * downloads none of the admin code.
 */
import { createRoot } from 'react-dom/client';
import './app/base.css';

const root = createRoot(document.getElementById('root')!);
const respondent = /^\/s\/([^/]+)\/?$/.exec(window.location.pathname);

if (respondent) {
  const slug = decodeURIComponent(respondent[1]!);
  // Ask for the questionnaire while the survey code downloads (saves a round trip on slow links).
  const early = fetch(`/api/public/campaigns/${encodeURIComponent(slug)}`, {
    headers: { Accept: 'application/json' },
    credentials: 'same-origin',
  });
  early.catch(() => undefined);
  void import('./app/respondentEntry').then((m) => {
    m.mountRespondent(root, slug, early);
    m.registerOfflineSupport();
  });
} else {
  void import('./app/adminEntry').then((m) => m.mountAdmin(root));
}
