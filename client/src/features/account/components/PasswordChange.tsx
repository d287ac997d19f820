import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card } from '../../../components/ui/ui';
import { ApiError } from '../../../lib/api/client';
import { changePassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../api/accountApi';

/** Code points, as the server counts them (an emoji is one character). */
const length = (s: string) => [...s].length;

export function PasswordChange(props: { email: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const tooShort = next !== '' && length(next) < PASSWORD_MIN_LENGTH;
  const tooLong = length(next) > PASSWORD_MAX_LENGTH;
  const mismatch = confirm !== '' && confirm !== next;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (tooShort || tooLong || mismatch || !current || !next) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const r = await changePassword(current, next);
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(r.revokedSessions);
      props.onChanged();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'WRONG_PASSWORD') setError(t('account.password.wrongCurrent'));
      else if (err instanceof ApiError && err.code === 'WEAK_PASSWORD')
        // The server's reason (French) says what to change: too short, too common, the e-mail…
        setError(t('account.password.refused', { reason: err.details[0]?.message ?? err.message }));
      else if (err instanceof ApiError && err.status === 429) setError(t('auth.tooMany'));
      else setError(err instanceof ApiError ? err.message : t('common.networkError'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('account.password.title')} className="account-password" testId="password-change">
      <form onSubmit={(e) => void submit(e)} noValidate>
        {/* Lets password managers know whose password this is. */}
        <input type="text" name="username" autoComplete="username" value={props.email} readOnly hidden />
        <div className="ui-field">
          <label htmlFor="password-current">{t('account.password.current')}</label>
          <input
            id="password-current"
            className="ui-input"
            type="password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </div>
        <div className="ui-field">
          <label htmlFor="password-new">{t('account.password.new')}</label>
          <input
            id="password-new"
            className="ui-input"
            type="password"
            autoComplete="new-password"
            required
            aria-describedby="password-new-hint"
            aria-invalid={tooShort || tooLong}
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
          <p id="password-new-hint" className="field-hint ui-muted">
            {tooLong
              ? t('account.password.tooLong', { max: PASSWORD_MAX_LENGTH })
              : tooShort
                ? t('account.password.tooShort', { min: PASSWORD_MIN_LENGTH, count: length(next) })
                : t('account.password.hint', { min: PASSWORD_MIN_LENGTH })}
          </p>
        </div>
        <div className="ui-field">
          <label htmlFor="password-confirm">{t('account.password.confirm')}</label>
          <input
            id="password-confirm"
            className="ui-input"
            type="password"
            autoComplete="new-password"
            required
            aria-invalid={mismatch}
            aria-describedby={mismatch ? 'password-confirm-hint' : undefined}
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
          />
          {mismatch && (
            <p id="password-confirm-hint" className="field-hint ui-muted">
              {t('account.password.mismatch')}
            </p>
          )}
        </div>
        {error && <Alert tone="error">{error}</Alert>}
        {done !== null && (
          <Alert tone="success">
            {done === 0 ? t('account.password.changedAlone') : t('account.password.changed', { count: done })}
          </Alert>
        )}
        <Button
          type="submit"
          variant="primary"
          disabled={busy || !current || !next || confirm !== next || tooShort || tooLong}
        >
          {busy ? t('account.password.saving') : t('account.password.submit')}
        </Button>
      </form>
    </Card>
  );
}
