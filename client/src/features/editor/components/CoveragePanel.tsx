import { useTranslation } from 'react-i18next';
import { listQuestions } from '@trame/shared';
import { Alert, Badge, Button, Card } from '../../../components/ui/ui';
import { useDesign } from '../hooks/useDesign';
import { nextNumbered } from '../model/codes';
import { indicatorFor } from '../model/indicators';

/** Gaps between référentiel and questionnaire, worked out on the edited design at every change. */
export function CoveragePanel() {
  const { t } = useTranslation();
  const { checked, base, draft, update, select } = useDesign();
  const coverage = checked?.ok ? checked.value.coverage : base?.coverage;
  if (!coverage || !draft) return null;
  // A question that feeds nothing gets a first indicator, in the first criterion that has none.
  const create = (name: string) => {
    const q = listQuestions(draft.questionnaire).find((x) => x.name === name);
    const crits = draft.framework.dimensions.flatMap((d) => d.criteria);
    if (!q || crits.length === 0) return;
    const code = nextNumbered(
      'I',
      crits.flatMap((c) => c.indicators.map((i) => i.code)),
      2,
    );
    update((d) => {
      const all = d.framework.dimensions.flatMap((x) => x.criteria);
      (all.find((c) => c.indicators.length === 0) ?? all[0]!).indicators.push(indicatorFor(q, code));
    });
    select(code);
  };
  const hasCriteria = draft.framework.dimensions.some((d) => d.criteria.length > 0);
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
                    {!q.freeText && hasCriteria && (
                      <Button
                        variant="ghost"
                        onClick={() => create(q.name)}
                        aria-label={t('editor.coverage.createFor', { title: q.title })}
                      >
                        {t('editor.question.createIndicator')}
                      </Button>
                    )}
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
