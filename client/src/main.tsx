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
  void import('./app/respondentEntry').then((m) => m.mountRespondent(root, decodeURIComponent(respondent[1]!)));
} else {
  void import('./app/adminEntry').then((m) => m.mountAdmin(root));
}
