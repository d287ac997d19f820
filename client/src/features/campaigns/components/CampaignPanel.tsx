import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';
import { Alert, Button, Card } from '../../../components/ui/ui';
import { ApiError } from '../../../lib/api/client';
import type { CampaignDetail } from '../../../lib/api/schema';
import { formatDate } from '../../../lib/format';
import { updateCampaign } from '../api/campaignsApi';
import { PrivacyForm } from './PrivacyForm';
import { StatusBadge } from './StatusBadge';

/** Open/close a campaign, copy its link, show its QR code. */
export function CampaignPanel(props: { campaign: CampaignDetail; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const c = props.campaign;
  const link = c.url;
  const [qr, setQr] = useState<string | null>(null);
  const [showQr, setShowQr] = useState(false);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!showQr) return;
    QRCode.toDataURL(link, { margin: 1, width: 320, errorCorrectionLevel: 'M' }).then(setQr, () => setQr(null));
  }, [showQr, link]);

  const setStatus = async (status: 'open' | 'closed') => {
    setBusy(true);
    setError(null);
    try {
      await updateCampaign(String(c.id), { status });
      props.onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common.networkError'));
    } finally {
      setBusy(false);
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2500);
    } catch {
      window.prompt(t('campaigns.link.copyPrompt'), link);
    }
  };
  return (
    <Card
      title={
        <>
          {c.title} <StatusBadge status={c.status} />
        </>
      }
      testId="campaign-panel"
      actions={
        <>
          {c.status !== 'open' && (
            <Button variant="primary" disabled={busy} onClick={() => void setStatus('open')}>
              {c.status === 'closed' ? t('campaigns.reopen') : t('campaigns.open')}
            </Button>
          )}
          {c.status === 'open' && (
            <Button
              variant="danger"
              disabled={busy}
              onClick={() => window.confirm(t('campaigns.closeConfirm')) && void setStatus('closed')}
            >
              {t('campaigns.close')}
            </Button>
          )}
        </>
      }
    >
      <p className="ui-muted">
        <strong data-testid="campaign-responses">
          {t('campaigns.responses', { count: c.responses.complete, partial: c.responses.partial })} ·{' '}
        </strong>
        {c.access === 'invitation' ? t('campaigns.access.invitation') : t('campaigns.access.public')}
        {c.opensAt ? ` · ${t('campaigns.opensAt')} ${formatDate(c.opensAt, i18n.language)}` : ''}
        {c.closesAt ? ` · ${t('campaigns.closesAt')} ${formatDate(c.closesAt, i18n.language)}` : ''}
      </p>
      <div className="link-row">
        <label htmlFor="campaign-link" className="visually-hidden">
          {t('campaigns.link.label')}
        </label>
        <input
          id="campaign-link"
          className="ui-input link-input"
          readOnly
          value={link}
          onFocus={(e) => e.currentTarget.select()}
          data-testid="campaign-link"
        />
        <Button onClick={() => void copy()}>{copied ? t('campaigns.link.copied') : t('campaigns.link.copy')}</Button>
        <Button onClick={() => setShowQr((s) => !s)} aria-expanded={showQr}>
          {t('campaigns.link.qr')}
        </Button>
        <a className="ui-btn ui-btn--ghost" href={link} target="_blank" rel="noopener noreferrer">
          {t('campaigns.link.openPage')}
        </a>
      </div>
      {showQr && qr && (
        <figure className="qr" data-testid="campaign-qr">
          <img src={qr} width={220} height={220} alt={t('campaigns.link.qrAlt', { link })} />
          <figcaption>
            <a href={qr} download={`qr-${c.slug}.png`}>
              {t('campaigns.link.qrDownload')}
            </a>
          </figcaption>
        </figure>
      )}
      {error && <Alert tone="error">{error}</Alert>}
      <PrivacyForm key={`${c.id}:${JSON.stringify(c.privacy)}`} campaign={c} onChanged={props.onChanged} />
    </Card>
  );
}
