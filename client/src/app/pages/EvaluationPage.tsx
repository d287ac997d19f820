import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Route, Routes, useNavigate, useParams } from 'react-router';
import { Alert, Spinner } from '../../components/ui/ui';
import { CampaignList } from '../../features/campaigns/components/CampaignList';
import { FrameworkTree } from '../../features/evaluations/components/FrameworkTree';
import { InternalDataEditor } from '../../features/evaluations/components/InternalDataEditor';
import { useEvaluation } from '../../features/evaluations/hooks/useEvaluation';
import { bundleUrl } from '../../features/evaluations/api/evaluationsApi';

export function EvaluationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const evaluation = useEvaluation(id);
  if (evaluation.status === 'loading') return <Spinner label={t('common.loading')} />;
  if (!evaluation.data) return <Alert tone="error">{t('common.loadError')}</Alert>;
  const e = evaluation.data;
  const base = `/app/evaluations/${id}`;
  return (
    <main className="page">
      <p className="crumbs">
        <Link to="/app">{t('nav.evaluations')}</Link> ›
      </p>
      <h1 data-testid="evaluation-title">{e.title}</h1>
      {e.description && <p className="ui-muted">{e.description}</p>}
      <nav className="tabs" aria-label={t('evaluation.sections')}>
        <NavLink end to={base}>
          {t('evaluation.tabs.campaigns')}
        </NavLink>
        <NavLink to={`${base}/framework`}>{t('evaluation.tabs.framework')}</NavLink>
        <NavLink to={`${base}/questionnaire`}>{t('evaluation.tabs.questionnaire')}</NavLink>
        <NavLink to={`${base}/internal`}>{t('evaluation.tabs.internal')}</NavLink>
        <a href={bundleUrl(id)} download className="tab-aside">
          {t('evaluation.downloadBundle')}
        </a>
      </nav>
      <Routes>
        <Route
          index
          element={<CampaignList evaluationId={id} onCreated={(cid) => void navigate(`/app/campaigns/${cid}`)} />}
        />
        <Route path="framework" element={<FrameworkTree evaluation={e} />} />
        <Route path="questionnaire" element={<PreviewSuspense questionnaire={e.questionnaire} />} />
        <Route path="internal" element={<InternalDataEditor evaluation={e} onSaved={evaluation.reload} />} />
      </Routes>
    </main>
  );
}

// The preview pulls SurveyJS: load it only when the tab is opened.
const QuestionnairePreview = lazy(() => import('../../features/evaluations/components/QuestionnairePreview'));
function PreviewSuspense(props: { questionnaire: Record<string, unknown> }) {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<Spinner label={t('common.loading')} />}>
      <QuestionnairePreview questionnaire={props.questionnaire} />
    </Suspense>
  );
}
