import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Badge, Button, Card, Spinner } from '../../../components/ui/ui';
import { ApiError } from '../../../lib/api/client';
import { formatDate } from '../../../lib/format';
import type { Async } from '../../../lib/useAsync';
import { revokeSession, type SessionView } from '../api/accountApi';

/** The user's browser sessions and script tokens; any but this one can be revoked. */
export function SessionsList(props: { sessions: Async<SessionView[]>; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const [busyId, setBusyId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { sessions } = props;
  const revoke = async (s: SessionView) => {
    setBusyId(s.id);
    setError(null);
    try {
      await revokeSession(s.id);
    } catch (err) {
      // Already gone (revoked elsewhere, expired): the reload below shows the list as it is.
      if (!(err instanceof ApiError && err.status === 404))
        setError(err instanceof ApiError ? err.message : t('common.networkError'));
    } finally {
      setBusyId(null);
      props.onChanged();
    }
  };
  const name = (s: SessionView) =>
    s.kind === 'cookie'
      ? t('account.sessions.browser')
      : s.label
        ? t('account.sessions.tokenNamed', { label: s.label })
        : t('account.sessions.token');
  return (
    <Card title={t('account.sessions.title')} className="account-sessions" testId="sessions">
      <p className="ui-muted">{t('account.sessions.intro')}</p>
      {sessions.status === 'loading' && <Spinner label={t('common.loading')} />}
      {sessions.status === 'error' && <Alert tone="error">{t('common.loadError')}</Alert>}
      {error && <Alert tone="error">{error}</Alert>}
      {sessions.data && (
        <ul className="plain-list">
          {sessions.data.map((s) => (
            <li key={s.id} className="session-row" data-testid="session-row">
              <div>
                <p className="session-name">
                  {name(s)}
                  {s.current && <Badge tone="ok">{t('account.sessions.current')}</Badge>}
                </p>
                <p className="session-dates ui-muted">
                  {t('account.sessions.created', { date: formatDate(s.createdAt, i18n.language) })}
                  {' · '}
                  {t('account.sessions.lastUsed', { date: formatDate(s.lastUsedAt, i18n.language) })}
                  {' · '}
                  {t('account.sessions.expires', { date: formatDate(s.expiresAt, i18n.language) })}
                </p>
              </div>
              {!s.current && (
                <Button
                  variant="danger"
                  disabled={busyId !== null}
                  onClick={() => void revoke(s)}
                  aria-label={t('account.sessions.revokeNamed', { name: name(s) })}
                >
                  {busyId === s.id ? t('account.sessions.revoking') : t('account.sessions.revoke')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
