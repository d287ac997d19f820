import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { parseBundle, type CoverageReport, type Indicator } from '@trame/shared';
import { Alert, Badge, Card } from '../../../components/ui/ui';
import type { EvaluationDetail } from '../api/evaluationsApi';

type Element = {
  type?: string;
  name?: string;
  title?: string;
  elements?: Element[];
  rows?: ({ value: unknown; text?: string } | string)[];
};

/** name → title for every question of a SurveyJS JSON (panels flattened, matrix rows as `matrix.row`). */
export function questionTitles(questionnaire: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (els: Element[] | undefined) => {
    for (const el of els ?? []) {
      if (el.elements) walk(el.elements);
      if (!el.name) continue;
      out.set(el.name, el.title ?? el.name);
      for (const r of el.rows ?? []) {
        const value = typeof r === 'string' ? r : String(r.value);
        const text = typeof r === 'string' ? r : (r.text ?? value);
        out.set(`${el.name}.${value}`, `${el.title ?? el.name} — ${text}`);
      }
    }
  };
  for (const page of (questionnaire.pages as Element[] | undefined) ?? []) walk(page.elements);
  walk(questionnaire.elements as Element[] | undefined);
  return out;
}

function questionsOf(ind: Indicator): string[] {
  const names = new Set<string>();
  const rec = ind as Record<string, unknown>;
  if (typeof rec.question === 'string') names.add(rec.question);
  for (const key of ['positiveIf', 'where']) {
    const expr = rec[key];
    if (typeof expr === 'string') for (const m of expr.matchAll(/\{([^}]+)\}/g)) names.add(m[1]!);
  }
  return [...names];
}

export function FrameworkTree(props: { evaluation: EvaluationDetail }) {
  const { t } = useTranslation();
  const e = props.evaluation;
  const titles = useMemo(() => questionTitles(e.questionnaire), [e.questionnaire]);
  const coverage = useMemo<CoverageReport | null>(() => {
    const res = parseBundle({
      format: 'trame-bundle/1',
      title: e.title,
      settings: e.settings,
      questionnaire: e.questionnaire,
      segments: e.segments,
      framework: e.framework,
      internalData: e.internalData,
    });
    return res.ok ? res.value.coverage : null;
  }, [e]);
  const withoutQuestion = new Set(coverage?.indicatorsWithoutQuestion.map((i) => i.code));
  const emptyCriteria = new Set(coverage?.criteriaWithoutIndicators.map((c) => c.code));

  return (
    <div data-testid="framework-tree">
      {coverage && (
        <Card title={t('framework.coverage.title')}>
          <ul className="coverage">
            <li>
              {coverage.criteriaWithoutIndicators.length === 0
                ? t('framework.coverage.allCriteria')
                : t('framework.coverage.criteriaWithout', { count: coverage.criteriaWithoutIndicators.length })}
              {coverage.criteriaWithoutIndicators.length > 0 && (
                <span className="ui-muted">
                  {' '}
                  ({coverage.criteriaWithoutIndicators.map((c) => `${c.code} ${c.title ?? ''}`).join(', ')})
                </span>
              )}
            </li>
            <li>{t('framework.coverage.indicatorsWithout', { count: coverage.indicatorsWithoutQuestion.length })}</li>
            <li>
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
      )}
      <Card title={e.framework.title ?? t('framework.title')}>
        <ul className="tree" role="tree" aria-label={t('framework.title')}>
          {e.framework.dimensions.map((d) => (
            <li key={d.code} role="treeitem" aria-expanded="true">
              <details open>
                <summary>
                  <span className="tree-code">{d.code}</span> <strong>{d.title}</strong>
                </summary>
                <ul role="group">
                  {d.criteria.map((c) => (
                    <li key={c.code} role="treeitem">
                      <details>
                        <summary>
                          <span className="tree-code">{c.code}</span> {c.title}{' '}
                          <Badge tone={emptyCriteria.has(c.code) ? 'warn' : 'neutral'}>
                            {t('framework.indicatorCount', { count: c.indicators.length })}
                          </Badge>
                        </summary>
                        {c.indicators.length === 0 && (
                          <p className="tree-warn">{t('framework.coverage.noIndicator')}</p>
                        )}
                        <ul role="group">
                          {c.indicators.map((ind) => (
                            <li key={ind.code} role="treeitem" className="tree-indicator">
                              <span className="tree-code">{ind.code}</span> {ind.title}{' '}
                              <Badge tone="muted">{t(`kinds.${ind.kind}`)}</Badge>{' '}
                              {withoutQuestion.has(ind.code) && (
                                <Badge tone="warn">{t('framework.coverage.noQuestion')}</Badge>
                              )}
                              {questionsOf(ind).length > 0 && (
                                <ul className="tree-questions">
                                  {questionsOf(ind).map((q) => (
                                    <li key={q}>
                                      <code>{q}</code> {titles.get(q) ?? t('framework.unknownQuestion')}
                                    </li>
                                  ))}
                                </ul>
                              )}
                            </li>
                          ))}
                        </ul>
                      </details>
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
