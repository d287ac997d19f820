import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card } from '../../../components/ui/ui';
import { ApiError } from '../../../lib/api/client';
import type { CampaignDetail } from '../../../lib/api/schema';
import { createInvitations } from '../api/campaignsApi';

/** Invitation campaigns: create personal links (one response each), shown once, to download as CSV. */
export function InvitationsPanel(props: { campaign: CampaignDetail; onCreated: () => void }) {
  const { t } = useTranslation();
  const [count, setCount] = useState(10);
  const [links, setLinks] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inv = props.campaign.invitations;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await createInvitations(String(props.campaign.id), { count });
      setLinks(
        r.invitations.map((i) => (/^https?:/.test(i.url) ? i.url : new URL(i.url, window.location.origin).toString())),
      );
      props.onCreated();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.networkError'));
    } finally {
      setBusy(false);
    }
  };
  const csv = `\uFEFFlien\r\n${links.join('\r\n')}\r\n`;
  return (
    <Card title={t('invitations.title')} testId="invitations">
      <p className="ui-muted">
        {t('invitations.intro')}
        {inv ? ` ${t('invitations.counts', { total: inv.total, used: inv.used })}` : ''}
      </p>
      <form onSubmit={(e) => void submit(e)} className="link-row">
        <label htmlFor="invitation-count">{t('invitations.count')}</label>
        <input
          id="invitation-count"
          className="ui-input num-input"
          type="number"
          min={1}
          max={5000}
          value={count}
          onChange={(e) => setCount(Math.max(1, Math.min(5000, Number(e.target.value) || 1)))}
        />
        <Button type="submit" disabled={busy}>
          {t('invitations.create')}
        </Button>
      </form>
      {error && <Alert tone="error">{error}</Alert>}
      {links.length > 0 && (
        <Alert tone="warning">
          <p style={{ margin: 0 }}>{t('invitations.once', { count: links.length })}</p>
          <a
            className="ui-btn"
            href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`}
            download={`invitations-${props.campaign.slug}.csv`}
          >
            {t('invitations.download')}
          </a>
        </Alert>
      )}
    </Card>
  );
}
