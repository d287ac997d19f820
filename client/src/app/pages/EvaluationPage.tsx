import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Route, Routes, useNavigate, useParams } from 'react-router';
import { Alert, Card, Spinner } from '../../components/ui/ui';
import { CampaignList } from '../../features/campaigns/components/CampaignList';
import { FrameworkEditor } from '../../features/editor/components/FrameworkEditor';
import { DesignProvider, useDesign } from '../../features/editor/hooks/useDesign';
import { DeletionDialog } from '../../components/ui/DeletionDialog';
import { InternalDataEditor } from '../../features/evaluations/components/InternalDataEditor';
import { useEvaluation } from '../../features/evaluations/hooks/useEvaluation';
import {
  bundleUrl,
  deleteEvaluation,
  type EvaluationDetail,
  workbookUrl,
} from '../../features/evaluations/api/evaluationsApi';

export function EvaluationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const evaluation = useEvaluation(id);
  if (evaluation.status === 'loading' && !evaluation.data) return <Spinner label={t('common.loading')} />;
  if (!evaluation.data) return <Alert tone="error">{t('common.loadError')}</Alert>;
  const e = evaluation.data;
  const base = `/app/evaluations/${id}`;
  return (
    <main className="page page--wide">
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
        <a href={workbookUrl(id)} download className="tab-aside tab-aside--next" data-testid="design-workbook">
          {t('evaluation.downloadWorkbook')}
        </a>
      </nav>
      {/* One draft for both editors: switching tab keeps unsaved changes. */}
      <DesignProvider evaluationId={id} onSaved={evaluation.reload}>
        <Routes>
          <Route
            index
            element={
              <>
                <CampaignList evaluationId={id} onCreated={(cid) => void navigate(`/app/campaigns/${cid}`)} />
                <Card title={t('deletion.dangerZone')} className="danger-zone">
                  <DeletionDialog
                    buttonLabel={t('deletion.evaluation.button')}
                    title={t('deletion.evaluation.title', { title: e.title })}
                    intro={t('deletion.evaluation.intro')}
                    remove={(confirm) => deleteEvaluation(id, confirm)}
                    onDeleted={() => void navigate('/app')}
                    testId="delete-evaluation"
                  />
                </Card>
              </>
            }
          />
          <Route path="framework" element={<FrameworkEditor />} />
          <Route path="questionnaire" element={<QuestionnaireSuspense />} />
          <Route path="internal" element={<Internal evaluation={e} onChanged={evaluation.reload} />} />
        </Routes>
      </DesignProvider>
    </main>
  );
}

/** Internal data are saved one by one; the editor's draft takes the new revision and values. */
function Internal(props: { evaluation: EvaluationDetail; onChanged: () => void }) {
  const { accept } = useDesign();
  return (
    <InternalDataEditor
      evaluation={props.evaluation}
      onDesign={(d) => {
        accept(d);
        props.onChanged();
      }}
    />
  );
}

// The questionnaire editor's preview pulls SurveyJS: load it only when the tab is opened.
const QuestionnaireEditor = lazy(() => import('../../features/editor/components/QuestionnaireEditor'));
function QuestionnaireSuspense() {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<Spinner label={t('common.loading')} />}>
      <QuestionnaireEditor />
    </Suspense>
  );
}
