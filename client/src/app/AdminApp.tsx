/** The working group's app: session, layout and routes. Loaded only outside /s/:slug. */
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Route, Routes, useLocation } from 'react-router';
import { Button, Spinner } from '../components/ui/ui';
import { AccountPage } from '../features/account/components/AccountPage';
import { LoginPage } from '../features/auth/components/LoginPage';
import { SessionProvider, useSession } from '../features/auth/hooks/session';
import { setLanguage } from '../lib/i18n';
import { CampaignPage } from './pages/CampaignPage';
import { EvaluationPage } from './pages/EvaluationPage';
import { EvaluationsPage } from './pages/EvaluationsPage';
import './admin.css';

export default function AdminApp() {
  return (
    <SessionProvider>
      <Layout />
    </SessionProvider>
  );
}

function Layout() {
  const { t, i18n } = useTranslation();
  const { user, checking, logout } = useSession();
  const location = useLocation();
  return (
    <div className="admin">
      <a className="skip-link" href="#main">
        {t('common.skip')}
      </a>
      <header className="topbar">
        <Link to="/app" className="brand">
          Trame
        </Link>
        <nav aria-label={t('common.mainNav')} className="topnav">
          {user && <NavLink to="/app">{t('nav.evaluations')}</NavLink>}
        </nav>
        <div className="topbar-right">
          <Button
            variant="ghost"
            onClick={() => setLanguage(i18n.language === 'fr' ? 'en' : 'fr')}
            // The visible "EN" stays part of the name (WCAG 2.5.3, axe label-content-name-mismatch).
            aria-label={`${i18n.language === 'fr' ? 'EN' : 'FR'} — ${t('common.switchLanguage')}`}
            lang={i18n.language === 'fr' ? 'en' : 'fr'}
          >
            {i18n.language === 'fr' ? 'EN' : 'FR'}
          </Button>
          {user && (
            <NavLink to="/app/account" className="ui-btn ui-btn--ghost">
              {t('nav.account')}
            </NavLink>
          )}
          {user && (
            <Button variant="ghost" onClick={() => void logout()}>
              {t('auth.signOut')}
            </Button>
          )}
        </div>
      </header>
      <div id="main" className="admin-main">
        {checking ? (
          <Spinner label={t('common.loading')} />
        ) : !user ? (
          location.pathname === '/login' ? (
            <LoginPage />
          ) : (
            <Navigate to="/login" replace state={{ from: location.pathname }} />
          )
        ) : (
          <Routes>
            <Route
              path="/login"
              element={<Navigate to={(location.state as { from?: string } | null)?.from ?? '/app'} replace />}
            />
            <Route path="/app" element={<EvaluationsPage />} />
            <Route path="/app/evaluations/:id/*" element={<EvaluationPage />} />
            <Route path="/app/campaigns/:id" element={<CampaignPage />} />
            <Route path="/app/account" element={<AccountPage email={user.email} />} />
            <Route path="*" element={<p>{t('common.notFound')}</p>} />
          </Routes>
        )}
      </div>
    </div>
  );
}
