import { useTranslation } from 'react-i18next';
import { Alert, Badge, Card } from '../../../components/ui/ui';
import { useDesign } from '../hooks/useDesign';

/** Gaps between référentiel and questionnaire, worked out on the edited design at every change. */
export function CoveragePanel() {
  const { t } = useTranslation();
  const { checked, base } = useDesign();
  const coverage = checked?.ok ? checked.value.coverage : base?.coverage;
  if (!coverage) return null;
  return (
    <Card title={t('framework.coverage.title')} testId="coverage">
      <ul className="coverage">
        <li className={coverage.criteriaWithoutIndicators.length ? 'coverage-warn' : undefined}>
          {coverage.criteriaWithoutIndicators.length === 0
            ? t('framework.coverage.allCriteria')
            : t('framework.coverage.criteriaWithout', { count: coverage.criteriaWithoutIndicators.length })}
          {coverage.criteriaWithoutIndicators.length > 0 && (
            <span className="ui-muted">
              {' '}
              ({coverage.criteriaWithoutIndicators.map((c) => `${c.code} ${c.title ?? ''}`.trim()).join(', ')})
            </span>
          )}
        </li>
        <li className={coverage.questionsWithoutIndicator.length ? 'coverage-warn' : undefined}>
          {t('framework.coverage.questionsWithout', { count: coverage.questionsWithoutIndicator.length })}
          {coverage.questionsWithoutIndicator.length > 0 && (
            <details>
              <summary>{t('framework.coverage.show')}</summary>
              <ul>
                {coverage.questionsWithoutIndicator.map((q) => (
                  <li key={q.name}>
                    <code>{q.name}</code> {q.title}{' '}
                    {q.freeText && <Badge tone="muted">{t('framework.coverage.verbatim')}</Badge>}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </li>
      </ul>
      {coverage.warnings.map((w, i) => (
        <Alert tone="warning" key={i}>
          <code>{w.path}</code> : {w.message}
        </Alert>
      ))}
    </Card>
  );
}
