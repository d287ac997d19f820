import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Badge, Card, Spinner } from '../../../components/ui/ui';
import { useEvaluations } from '../hooks/useEvaluation';

export function EvaluationsList() {
  const { t } = useTranslation();
  const list = useEvaluations();
  if (list.status === 'loading') return <Spinner label={t('common.loading')} />;
  if (list.status === 'error') return <Alert tone="error">{t('common.loadError')}</Alert>;
  if (list.data.length === 0) return <p className="ui-muted">{t('evaluations.empty')}</p>;
  return (
    <ul className="eval-list" data-testid="evaluations-list">
      {list.data.map((e) => (
        <li key={e.id}>
          <Card>
            <h3 className="eval-title">
              <Link to={`/app/evaluations/${e.id}`}>{e.title}</Link>
            </h3>
            {e.description && <p className="ui-muted eval-desc">{e.description}</p>}
            <p className="eval-counts">
              <Badge>{t('evaluations.counts.dimensions', { count: e.counts.dimensions })}</Badge>{' '}
              <Badge>{t('evaluations.counts.criteria', { count: e.counts.criteria })}</Badge>{' '}
              <Badge>{t('evaluations.counts.indicators', { count: e.counts.indicators })}</Badge>
            </p>
          </Card>
        </li>
      ))}
    </ul>
  );
}
