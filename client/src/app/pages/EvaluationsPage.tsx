import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Card } from '../../components/ui/ui';
import { blankWorkbookUrl } from '../../features/evaluations/api/evaluationsApi';
import { BundleImport } from '../../features/evaluations/components/BundleImport';
import { EvaluationsList } from '../../features/evaluations/components/EvaluationsList';
import { NewEvaluation } from '../../features/evaluations/components/NewEvaluation';

export function EvaluationsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <main className="page">
      <h1>{t('evaluations.title')}</h1>
      <Card title={t('newEvaluation.heading')}>
        <p className="ui-muted">{t('newEvaluation.intro')}</p>
        <NewEvaluation onCreated={(id) => void navigate(`/app/evaluations/${id}/framework`)} />
      </Card>
      <EvaluationsList />
      <Card title={t('evaluations.import.title')}>
        <p className="ui-muted">{t('evaluations.import.intro')}</p>
        <BundleImport onImported={(id) => void navigate(`/app/evaluations/${id}`)} />
        <p>
          <a href={blankWorkbookUrl} download data-testid="blank-workbook">
            {t('evaluations.import.blankWorkbook')}
          </a>
        </p>
      </Card>
    </main>
  );
}
