import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button } from '../../../components/ui/ui';
import { ApiError } from '../../../lib/api/client';
import type { CampaignDetail } from '../../../lib/api/schema';
import { updateCampaign } from '../api/campaignsApi';

type Privacy = CampaignDetail['privacy'];
const TEXT_FIELDS = ['controller', 'contact', 'purpose', 'legalBasis', 'retention', 'recipients', 'rights'] as const;

/** The working group's fields of the respondents' notice (RGPD), required for the campaign to open. */
export function PrivacyForm(props: { campaign: CampaignDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const c = props.campaign;
  const [values, setValues] = useState<Privacy>(c.privacy);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const set = (k: keyof Privacy, v: string) => {
    setSaved(false);
    setValues((p) => ({ ...p, [k]: v }));
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await updateCampaign(String(c.id), { privacy: { ...values, policyUrl: values.policyUrl || null } });
      setSaved(true);
      props.onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common.networkError'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="privacy-form" open={c.privacyMissing.length > 0} data-testid="campaign-privacy">
      <summary>{t('campaigns.privacy.title')}</summary>
      <p className="ui-muted">{t('campaigns.privacy.intro')}</p>
      {c.privacyMissing.length > 0 && (
        <Alert tone="warning">
          {t('campaigns.privacy.missing', {
            fields: c.privacyMissing.map((k) => t(`campaigns.privacy.${k}`)).join(', '),
          })}
        </Alert>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {TEXT_FIELDS.map((k) => (
          <div key={k} className="ui-field">
            <label htmlFor={`privacy-${k}`}>{t(`campaigns.privacy.${k}`)} *</label>
            <textarea
              id={`privacy-${k}`}
              className="ui-input"
              rows={k === 'controller' || k === 'contact' ? 1 : 3}
              maxLength={2000}
              required
              value={values[k]}
              onChange={(e) => set(k, e.currentTarget.value)}
            />
          </div>
        ))}
        <div className="ui-field">
          <label htmlFor="privacy-policyUrl">{t('campaigns.privacy.policyUrl')}</label>
          <input
            id="privacy-policyUrl"
            className="ui-input"
            type="url"
            value={values.policyUrl ?? ''}
            onChange={(e) => set('policyUrl', e.currentTarget.value)}
          />
        </div>
        <p className="ui-muted">{t('campaigns.privacy.fixed')}</p>
        <Button type="submit" variant="primary" disabled={busy}>
          {t('campaigns.privacy.save')}
        </Button>
        {saved && <span role="status"> {t('campaigns.privacy.saved')}</span>}
      </form>
      {error && <Alert tone="error">{error}</Alert>}
    </details>
  );
}
