import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card } from '../../../components/ui/ui';
import { ApiError } from '../../../lib/api/client';
import { useSession } from '../hooks/session';

export function LoginPage() {
  const { t } = useTranslation();
  const { login } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email, password);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t('auth.invalid'));
      else if (err instanceof ApiError && err.status === 429) setError(t('auth.tooMany'));
      else setError(t('auth.failed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="admin-narrow">
      <Card title={t('auth.title')}>
        <p className="ui-muted">{t('auth.intro')}</p>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <div className="ui-field">
            <label htmlFor="login-email">{t('auth.email')}</label>
            <input
              id="login-email"
              className="ui-input"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <div className="ui-field">
            <label htmlFor="login-password">{t('auth.password')}</label>
            <input
              id="login-password"
              className="ui-input"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          {error && <Alert tone="error">{error}</Alert>}
          <Button type="submit" variant="primary" disabled={busy || !email || !password}>
            {busy ? t('auth.signingIn') : t('auth.signIn')}
          </Button>
        </form>
      </Card>
    </main>
  );
}
