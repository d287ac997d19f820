import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Badge, Button, Card, Spinner } from '../../../components/ui/ui';
import { ApiError } from '../../../lib/api/client';
import type { Campaign } from '../../../lib/api/schema';
import { formatDate } from '../../../lib/format';
import { createCampaign } from '../api/campaignsApi';
import { useCampaigns } from '../hooks/useCampaigns';
import { StatusBadge } from './StatusBadge';

type CampaignAccess = Campaign['access'];

export function CampaignList(props: { evaluationId: string; onCreated: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const list = useCampaigns(props.evaluationId);
  const [title, setTitle] = useState('');
  const [access, setAccess] = useState<CampaignAccess>('public');
  const [opensAt, setOpensAt] = useState('');
  const [closesAt, setClosesAt] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const c = await createCampaign(props.evaluationId, {
        title: title.trim(),
        access,
        // Created as a draft: the group checks the link and the dates, then opens it explicitly.
        status: 'draft',
        ...(opensAt ? { opensAt: new Date(opensAt).toISOString() } : {}),
        ...(closesAt ? { closesAt: new Date(closesAt).toISOString() } : {}),
      });
      props.onCreated(String(c.id));
    } catch (err) {
      setError(
        err instanceof ApiError
          ? [err.message, ...err.details.map((d) => `${d.path} : ${d.message}`)].join(' — ')
          : t('common.networkError'),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <Card title={t('campaigns.title')} testId="campaign-list">
        {list.status === 'loading' && <Spinner label={t('common.loading')} />}
        {list.status === 'error' && <Alert tone="error">{t('common.loadError')}</Alert>}
        {list.data && list.data.length === 0 && <p className="ui-muted">{t('campaigns.empty')}</p>}
        {list.data && list.data.length > 0 && (
          <ul className="plain-list">
            {list.data.map((c) => (
              <li key={c.id} className="campaign-row">
                <Link to={`/app/campaigns/${c.id}`}>{c.title}</Link> <StatusBadge status={c.status} />{' '}
                {c.access === 'invitation' && <Badge tone="muted">{t('campaigns.access.invitation')}</Badge>}{' '}
                <span className="ui-muted">
                  {c.responses
                    ? t('campaigns.responses', { count: c.responses.complete, partial: c.responses.partial })
                    : ''}
                  {c.opensAt ? ` · ${t('campaigns.opensAt')} ${formatDate(c.opensAt, i18n.language)}` : ''}
                  {c.closesAt ? ` · ${t('campaigns.closesAt')} ${formatDate(c.closesAt, i18n.language)}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t('campaigns.create.title')}>
        <form onSubmit={(e) => void submit(e)} className="form-grid">
          <div className="ui-field">
            <label htmlFor="campaign-title">{t('campaigns.create.name')}</label>
            <input
              id="campaign-title"
              className="ui-input"
              required
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              placeholder={t('campaigns.create.placeholder')}
            />
          </div>
          <div className="ui-field">
            <label htmlFor="campaign-access">{t('campaigns.create.access')}</label>
            <select
              id="campaign-access"
              className="ui-input"
              value={access}
              onChange={(e) => setAccess(e.target.value as CampaignAccess)}
            >
              <option value="public">{t('campaigns.access.public')}</option>
              <option value="invitation">{t('campaigns.access.invitation')}</option>
            </select>
          </div>
          <div className="ui-field">
            <label htmlFor="campaign-opens">{t('campaigns.opensAt')}</label>
            <input
              id="campaign-opens"
              className="ui-input"
              type="datetime-local"
              value={opensAt}
              onChange={(e) => setOpensAt(e.target.value)}
            />
          </div>
          <div className="ui-field">
            <label htmlFor="campaign-closes">{t('campaigns.closesAt')}</label>
            <input
              id="campaign-closes"
              className="ui-input"
              type="datetime-local"
              value={closesAt}
              onChange={(e) => setClosesAt(e.target.value)}
            />
          </div>
          {error && <Alert tone="error">{error}</Alert>}
          <div>
            <Button type="submit" variant="primary" disabled={busy || !title.trim()}>
              {t('campaigns.create.submit')}
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
