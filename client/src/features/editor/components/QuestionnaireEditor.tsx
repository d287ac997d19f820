import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Badge, Button, Card, Spinner } from '../../../components/ui/ui';
import { useDesign } from '../hooks/useDesign';
import { move, nextNumbered, uniqueCode } from '../model/codes';
import {
  QUESTION_KINDS,
  allQuestionNames,
  kindOf,
  newQuestion,
  pagesOf,
  text,
  type QuestionKind,
} from '../model/questions';
import { ItemActions } from './common';
import { SaveBar } from './SaveBar';
import { SurveyPreview } from './SurveyPreview';
import { indicatorsReading, pagesMut, type Pos } from '../model/pages';
import { QuestionForm } from './QuestionForm';

/** Pages and questions of the questionnaire, the real respondent rendering beside them. */
export default function QuestionnaireEditor() {
  const { t } = useTranslation();
  const { status, draft, update } = useDesign();
  const [sel, setSel] = useState<Pos | null>(null);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [addKind, setAddKind] = useState<Record<number, QuestionKind>>({});
  if (status === 'loading') return <Spinner label={t('common.loading')} />;
  if (status === 'error' || !draft) return <Alert tone="error">{t('common.loadError')}</Alert>;
  const pages = pagesOf(draft.questionnaire);
  const selected = sel ? pages[sel.p]?.elements?.[sel.q] : undefined;

  const addQuestion = (p: number) => {
    const kind = addKind[p] ?? 'single';
    const taken = allQuestionNames(draft.questionnaire);
    const q = newQuestion(kind, '', taken);
    q.name = uniqueCode('question', taken);
    update((d) => void pagesMut(d)[p]!.elements.push(q));
    setFresh((s) => new Set(s).add(String(q.name)));
    setSel({ p, q: pages[p]?.elements?.length ?? 0 });
  };

  return (
    <div className="editor">
      <div className="questionnaire-layout">
        <div className="questionnaire-main">
          {selected && sel ? (
            <QuestionForm
              key={`${sel.p}:${sel.q}`}
              pos={sel}
              question={selected}
              fresh={fresh.has(String(selected.name))}
              onRenamed={(old, next) =>
                setFresh((s) => {
                  if (!s.has(old)) return s;
                  const n = new Set(s);
                  n.delete(old);
                  n.add(next);
                  return n;
                })
              }
              onClose={() => setSel(null)}
            />
          ) : (
            <Card title={t('editor.questionnaire.title')} testId="questionnaire-editor">
              <p className="ui-muted">{t('editor.questionnaire.intro')}</p>
              <ol className="pages">
                {pages.map((page, p) => (
                  <li key={p} className="page-item">
                    <div className="tree-row">
                      <span className="tree-code">{t('editor.questionnaire.pageN', { n: p + 1 })}</span>
                      <input
                        className="ui-input tree-title"
                        aria-label={t('editor.questionnaire.pageTitle', { n: p + 1 })}
                        placeholder={t('editor.questionnaire.pageTitlePlaceholder')}
                        value={page.title ?? ''}
                        onChange={(e) =>
                          update((d) => {
                            const pg = pagesMut(d)[p]!;
                            if (e.target.value) pg.title = e.target.value;
                            else delete pg.title;
                          })
                        }
                      />
                      <ItemActions
                        name={t('editor.questionnaire.pageN', { n: p + 1 })}
                        index={p}
                        count={pages.length}
                        onMove={(delta) => update((d) => void (d.questionnaire.pages = move(pagesMut(d), p, delta)))}
                        onDelete={() => update((d) => void pagesMut(d).splice(p, 1))}
                        deleteConfirm={t('editor.questionnaire.deletePage', {
                          n: p + 1,
                          count: page.elements?.length ?? 0,
                        })}
                      />
                    </div>
                    <ul className="question-list">
                      {(page.elements ?? []).map((q, qi) => {
                        const kind = kindOf(q);
                        const feeds = indicatorsReading(draft, text(q.name)).length;
                        return (
                          <li key={qi} className="question-item" data-testid={`question-${String(q.name)}`}>
                            <div className="tree-row">
                              <span className="tree-ind-title">
                                {typeof q.title === 'string' && q.title ? q.title : <em>{text(q.name)}</em>}{' '}
                                <Badge tone="muted">{kind ? t(`editor.kinds.${kind}`) : text(q.type)}</Badge>{' '}
                                {typeof q.visibleIf === 'string' && (
                                  <Badge>{t('editor.questionnaire.conditional')}</Badge>
                                )}{' '}
                                {q.name !== undefined && (
                                  <Badge tone={feeds ? 'ok' : 'neutral'}>
                                    {t('editor.questionnaire.feeds', { count: feeds })}
                                  </Badge>
                                )}
                              </span>
                              <Button
                                onClick={() => setSel({ p, q: qi })}
                                aria-label={t('editor.questionnaire.editNamed', {
                                  name: text(q.title) || text(q.name),
                                })}
                              >
                                {t('editor.tree.editIndicator')}
                              </Button>
                              <ItemActions
                                name={text(q.title) || text(q.name)}
                                index={qi}
                                count={page.elements.length}
                                onMove={(delta) =>
                                  update((d) => {
                                    const pg = pagesMut(d)[p]!;
                                    pg.elements = move(pg.elements, qi, delta);
                                  })
                                }
                                onDelete={() => update((d) => void pagesMut(d)[p]!.elements.splice(qi, 1))}
                                deleteConfirm={t('editor.questionnaire.deleteQuestion', {
                                  name: text(q.title) || text(q.name),
                                  count: feeds,
                                })}
                              />
                            </div>
                          </li>
                        );
                      })}
                    </ul>
                    <div className="tree-row add-question">
                      <label className="field">
                        <span>{t('editor.questionnaire.newType')}</span>
                        <select
                          className="ui-input"
                          value={addKind[p] ?? 'single'}
                          onChange={(e) => setAddKind((s) => ({ ...s, [p]: e.target.value as QuestionKind }))}
                        >
                          {QUESTION_KINDS.map((k) => (
                            <option key={k} value={k}>
                              {t(`editor.kinds.${k}`)}
                            </option>
                          ))}
                        </select>
                      </label>
                      <Button
                        onClick={() => addQuestion(p)}
                        aria-label={t('editor.questionnaire.addQuestionTo', { n: p + 1 })}
                      >
                        + {t('editor.questionnaire.addQuestion')}
                      </Button>
                    </div>
                  </li>
                ))}
              </ol>
              <Button
                onClick={() =>
                  update((d) => {
                    const ps = pagesMut(d);
                    ps.push({
                      name: nextNumbered(
                        'page',
                        ps.map((x) => x.name ?? ''),
                      ),
                      elements: [],
                    });
                  })
                }
              >
                + {t('editor.questionnaire.addPage')}
              </Button>
            </Card>
          )}
        </div>
        <aside className="questionnaire-preview" aria-label={t('editor.questionnaire.previewTitle')}>
          <SurveyPreview
            questionnaire={draft.questionnaire}
            page={sel?.p ?? 0}
            question={selected ? text(selected.name) : undefined}
          />
        </aside>
      </div>
      <SaveBar />
    </div>
  );
}
