import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Badge, Button, Card, Spinner } from '../../../components/ui/ui';
import { useDesign, issuesAt } from '../hooks/useDesign';
import { move, nextNumbered } from '../model/codes';
import { questionsOf } from '../model/indicators';
import { CoveragePanel } from './CoveragePanel';
import { FieldIssues, ItemActions } from './common';
import { IndicatorEditor } from './IndicatorEditor';
import { SaveBar } from './SaveBar';
import { SegmentsEditor } from './SegmentsEditor';

function allIndicatorCodes(dims: { criteria: { indicators: { code: string }[] }[] }[]): string[] {
  return dims.flatMap((d) => d.criteria.flatMap((c) => c.indicators.map((i) => i.code)));
}

/** The référentiel: dimensions → criteria → indicators, each added, renamed, moved and deleted here. */
export function FrameworkEditor() {
  const { t } = useTranslation();
  const { status, draft, update, issues, selected, select } = useDesign();
  const exists = useMemo(
    () => (draft && selected ? allIndicatorCodes(draft.framework.dimensions).includes(selected) : false),
    [draft, selected],
  );
  if (status === 'loading') return <Spinner label={t('common.loading')} />;
  if (status === 'error' || !draft) return <Alert tone="error">{t('common.loadError')}</Alert>;

  if (selected && exists)
    return (
      <div className="editor">
        <IndicatorEditor code={selected} onClose={() => select(null)} />
        <SaveBar />
      </div>
    );

  const dims = draft.framework.dimensions;
  const addIndicator = (di: number, ci: number) => {
    const code = nextNumbered('I', allIndicatorCodes(dims), 2);
    update((d) => {
      d.framework.dimensions[di]!.criteria[ci]!.indicators.push({ code, title: '', kind: 'percent' });
    });
    select(code);
  };

  return (
    <div className="editor" data-testid="framework-tree">
      <Card title={t('editor.about.title')}>
        <div className="field">
          <label>
            <span>{t('editor.about.name')}</span>
            <input
              className="ui-input wide-input"
              value={draft.title}
              onChange={(e) => update((d) => void (d.title = e.target.value))}
            />
          </label>
          <FieldIssues issues={issues.filter((i) => i.path === 'title')} />
        </div>
        <div className="field">
          <label>
            <span>{t('editor.about.description')}</span>
            <textarea
              className="ui-input wide-input"
              rows={2}
              value={draft.description ?? ''}
              onChange={(e) => update((d) => void (d.description = e.target.value || null))}
            />
          </label>
        </div>
      </Card>
      <CoveragePanel />
      <Card title={t('framework.title')} testId="framework-editor">
        <p className="ui-muted">{t('editor.tree.intro')}</p>
        <ol className="tree-edit" aria-label={t('framework.title')}>
          {dims.map((dim, di) => {
            const dpath = `framework.dimensions[${di}]`;
            return (
              <li key={di} className="tree-dim">
                <div className="tree-row">
                  <span className="tree-code">{dim.code}</span>
                  <input
                    className="ui-input tree-title"
                    aria-label={t('editor.tree.dimensionTitle', { code: dim.code })}
                    value={dim.title}
                    placeholder={t('editor.tree.dimensionPlaceholder')}
                    onChange={(e) =>
                      update((d) => {
                        d.framework.dimensions[di]!.title = e.target.value;
                      })
                    }
                  />
                  <ItemActions
                    name={`${dim.code} ${dim.title}`}
                    index={di}
                    count={dims.length}
                    onMove={(delta) =>
                      update((d) => void (d.framework.dimensions = move(d.framework.dimensions, di, delta)))
                    }
                    onDelete={() => update((d) => void d.framework.dimensions.splice(di, 1))}
                    deleteConfirm={t('editor.tree.deleteDimension', {
                      name: dim.title || dim.code,
                      count: dim.criteria.length,
                    })}
                  />
                </div>
                <FieldIssues issues={issuesAt(issues, dpath).filter((i) => !i.path.includes('criteria['))} />
                <ol className="tree-crit-list">
                  {dim.criteria.map((c, ci) => {
                    const cpath = `${dpath}.criteria[${ci}]`;
                    return (
                      <li key={ci} className="tree-crit">
                        <div className="tree-row">
                          <span className="tree-code">{c.code}</span>
                          <input
                            className="ui-input tree-title"
                            aria-label={t('editor.tree.criterionTitle', { code: c.code })}
                            value={c.title}
                            placeholder={t('editor.tree.criterionPlaceholder')}
                            onChange={(e) =>
                              update((d) => {
                                d.framework.dimensions[di]!.criteria[ci]!.title = e.target.value;
                              })
                            }
                          />
                          <Badge tone={c.indicators.length === 0 ? 'warn' : 'neutral'}>
                            {t('framework.indicatorCount', { count: c.indicators.length })}
                          </Badge>
                          <ItemActions
                            name={`${c.code} ${c.title}`}
                            index={ci}
                            count={dim.criteria.length}
                            onMove={(delta) =>
                              update((d) => {
                                const dd = d.framework.dimensions[di]!;
                                dd.criteria = move(dd.criteria, ci, delta);
                              })
                            }
                            onDelete={() => update((d) => void d.framework.dimensions[di]!.criteria.splice(ci, 1))}
                            deleteConfirm={t('editor.tree.deleteCriterion', {
                              name: c.title || c.code,
                              count: c.indicators.length,
                            })}
                          />
                        </div>
                        <FieldIssues issues={issuesAt(issues, cpath).filter((i) => !i.path.includes('indicators['))} />
                        <ul className="tree-ind-list">
                          {c.indicators.map((ind, ii) => {
                            const ipath = `${cpath}.indicators[${ii}]`;
                            const problems = issuesAt(issues, ipath).length;
                            return (
                              <li key={ii} className="tree-ind">
                                <div className="tree-row">
                                  <span className="tree-code">{ind.code}</span>
                                  <span className="tree-ind-title">
                                    {ind.title || <em className="ui-muted">{t('editor.tree.untitled')}</em>}{' '}
                                    <Badge tone="muted">{t(`kinds.${ind.kind}`)}</Badge>{' '}
                                    {problems > 0 && (
                                      <Badge tone="warn">{t('editor.problems', { count: problems })}</Badge>
                                    )}
                                    {questionsOf(ind).map((q) => (
                                      <code key={q} className="tree-q">
                                        {q}
                                      </code>
                                    ))}
                                  </span>
                                  <Button
                                    onClick={() => select(ind.code)}
                                    aria-label={t('editor.tree.editIndicatorNamed', { code: ind.code })}
                                  >
                                    {t('editor.tree.editIndicator')}
                                  </Button>
                                  <ItemActions
                                    name={`${ind.code} ${ind.title ?? ''}`}
                                    index={ii}
                                    count={c.indicators.length}
                                    onMove={(delta) =>
                                      update((d) => {
                                        const cc = d.framework.dimensions[di]!.criteria[ci]!;
                                        cc.indicators = move(cc.indicators, ii, delta);
                                      })
                                    }
                                    onDelete={() =>
                                      update(
                                        (d) => void d.framework.dimensions[di]!.criteria[ci]!.indicators.splice(ii, 1),
                                      )
                                    }
                                    deleteConfirm={t('editor.tree.deleteIndicator', { name: ind.title || ind.code })}
                                  />
                                </div>
                              </li>
                            );
                          })}
                          {c.indicators.length === 0 && (
                            <li className="tree-warn">{t('framework.coverage.noIndicator')}</li>
                          )}
                        </ul>
                        <Button
                          className="tree-add"
                          onClick={() => addIndicator(di, ci)}
                          aria-label={t('editor.tree.addIndicatorTo', { code: c.code })}
                        >
                          + {t('editor.tree.addIndicator')}
                        </Button>
                      </li>
                    );
                  })}
                </ol>
                <Button
                  className="tree-add"
                  onClick={() =>
                    update((d) => {
                      const dd = d.framework.dimensions[di]!;
                      const taken = d.framework.dimensions.flatMap((x) => x.criteria.map((c) => c.code));
                      dd.criteria.push({
                        code: nextNumbered(`C${di + 1}.`, taken),
                        title: '',
                        indicators: [],
                      });
                    })
                  }
                  aria-label={t('editor.tree.addCriterionTo', { code: dim.code })}
                >
                  + {t('editor.tree.addCriterion')}
                </Button>
              </li>
            );
          })}
        </ol>
        <Button
          onClick={() =>
            update((d) => {
              d.framework.dimensions.push({
                code: nextNumbered(
                  'D',
                  d.framework.dimensions.map((x) => x.code),
                ),
                title: '',
                criteria: [],
              });
            })
          }
        >
          + {t('editor.tree.addDimension')}
        </Button>
      </Card>
      <SegmentsEditor />
      <SaveBar />
    </div>
  );
}
