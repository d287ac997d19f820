import { useTranslation } from 'react-i18next';
import { useSessions } from '../hooks/useSessions';
import { PasswordChange } from './PasswordChange';
import { SessionsList } from './SessionsList';
import './account.css';

/** « Mon compte » : change the password, see and revoke one's sessions and tokens. */
export function AccountPage(props: { email: string }) {
  const { t } = useTranslation();
  const sessions = useSessions();
  return (
    <main className="page">
      <h1>{t('account.title')}</h1>
      <p className="ui-muted">{t('account.signedInAs', { email: props.email })}</p>
      <PasswordChange email={props.email} onChanged={sessions.reload} />
      <SessionsList sessions={sessions} onChanged={sessions.reload} />
    </main>
  );
}
