import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Card, Spinner } from '../../components/ui/ui';
import { deleteCampaign } from '../../features/campaigns/api/campaignsApi';
import { DeletionDialog } from '../../components/ui/DeletionDialog';
import { CampaignPanel } from '../../features/campaigns/components/CampaignPanel';
import { InvitationsPanel } from '../../features/campaigns/components/InvitationsPanel';
import { ResponsesImport } from '../../features/campaigns/components/ResponsesImport';
import { useCampaign } from '../../features/campaigns/hooks/useCampaigns';
import { ResultsDashboard } from '../../features/results/components/ResultsDashboard';

export function CampaignPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  // Polled like the results, so that the response counts in the panel follow the dashboard.
  const campaign = useCampaign(id, 5000);
  if (campaign.status === 'loading') return <Spinner label={t('common.loading')} />;
  if (!campaign.data) return <Alert tone="error">{t('common.loadError')}</Alert>;
  const c = campaign.data;
  return (
    <main className="page">
      <p className="crumbs">
        <Link to="/app">{t('nav.evaluations')}</Link> ›{' '}
        {c.evaluationId != null && <Link to={`/app/evaluations/${c.evaluationId}`}>{t('nav.evaluation')}</Link>} ›
      </p>
      <CampaignPanel campaign={c} onChanged={campaign.reload} />
      {c.access === 'invitation' && <InvitationsPanel campaign={c} onCreated={campaign.reload} />}
      <ResponsesImport campaignId={id} onImported={campaign.reload} />
      {c.evaluationId != null && <ResultsDashboard campaignId={id} evaluationId={String(c.evaluationId)} />}
      <Card title={t('deletion.dangerZone')} className="danger-zone">
        <DeletionDialog
          buttonLabel={t('deletion.campaign.button')}
          title={t('deletion.campaign.title', { title: c.title })}
          intro={t('deletion.campaign.intro')}
          remove={(confirm) => deleteCampaign(id, confirm)}
          onDeleted={() => void navigate(`/app/evaluations/${c.evaluationId}`)}
          testId="delete-campaign"
        />
      </Card>
    </main>
  );
}
