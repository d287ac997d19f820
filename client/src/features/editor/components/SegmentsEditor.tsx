import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listQuestions } from '@trame/shared';
import { Button, Card } from '../../../components/ui/ui';
import { issuesAt, useDesign } from '../hooks/useDesign';
import { move, slugify, uniqueCode } from '../model/codes';
import { FieldIssues, ItemActions } from './common';

/**
 * Segments: which question splits respondents into groups (associé·es / non-associé·es). A new segment
 * gets one group per choice of its question; groups can then be renamed, merged (tick several answers)
 * or removed.
 */
export function SegmentsEditor() {
  const { t } = useTranslation();
  const { draft, update, issues } = useDesign();
  const questions = useMemo(
    () =>
      draft
        ? listQuestions(draft.questionnaire).filter(
            (q) => (q.shape === 'single' || q.shape === 'multiple' || q.shape === 'boolean') && q.choices?.length,
          )
        : [],
    [draft],
  );
  const [pick, setPick] = useState('');
  if (!draft) return null;
  const byName = new Map(questions.map((q) => [q.name, q]));
  const add = () => {
    const q = byName.get(pick);
    if (!q) return;
    update((d) => {
      d.segments.push({
        code: uniqueCode(
          slugify(q.name, 'segment'),
          d.segments.map((s) => s.code),
        ),
        label: q.title.replace(/\s*\?$/, ''),
        question: q.name,
        groups: (q.choices ?? []).map((c) => ({
          code: slugify(String(c.value), 'groupe'),
          label: c.text,
          values: [c.value],
        })),
      });
    });
    setPick('');
  };
  return (
    <Card title={t('editor.segments.title')} testId="segments-editor">
      <p className="ui-muted">{t('editor.segments.intro')}</p>
      {draft.segments.length === 0 && <p className="ui-muted">{t('editor.segments.empty')}</p>}
      {draft.segments.map((s, si) => {
        const q = byName.get(s.question);
        return (
          <fieldset key={si} className="segment" data-testid={`segment-${s.code}`}>
            <legend>
              {s.label || s.code}{' '}
              <span className="ui-muted">({t('editor.segments.from', { q: q?.title ?? s.question })})</span>
            </legend>
            <div className="tree-row">
              <label className="field grow">
                <span>{t('editor.segments.label')}</span>
                <input
                  className="ui-input"
                  value={s.label ?? ''}
                  onChange={(e) => update((d) => void (d.segments[si]!.label = e.target.value))}
                />
              </label>
              <ItemActions
                name={s.label ?? s.code}
                index={si}
                count={draft.segments.length}
                onMove={(delta) => update((d) => void (d.segments = move(d.segments, si, delta)))}
                onDelete={() =>
                  update((d) => {
                    const code = d.segments[si]!.code;
                    d.segments.splice(si, 1);
                    // Indicators broken down by it, or restricted to one of its groups, no longer are.
                    for (const dim of d.framework.dimensions)
                      for (const c of dim.criteria)
                        for (const ind of c.indicators) {
                          if (ind.breakdown) ind.breakdown = ind.breakdown.filter((b) => b !== code);
                          if (ind.breakdown?.length === 0) delete ind.breakdown;
                          if (ind.population?.segment === code) delete ind.population;
                        }
                  })
                }
                deleteConfirm={t('editor.segments.deleteConfirm', { name: s.label ?? s.code })}
              />
            </div>
            <ul className="groups">
              {s.groups.map((g, gi) => (
                <li key={gi} className="group-item">
                  <div className="tree-row">
                    <label className="field grow">
                      <span>{t('editor.segments.groupLabel', { code: g.code })}</span>
                      <input
                        className="ui-input"
                        value={g.label ?? ''}
                        onChange={(e) => update((d) => void (d.segments[si]!.groups[gi]!.label = e.target.value))}
                      />
                    </label>
                    <Button
                      variant="danger"
                      aria-label={t('editor.deleteNamed', { name: g.label ?? g.code })}
                      onClick={() => update((d) => void d.segments[si]!.groups.splice(gi, 1))}
                    >
                      {t('common.delete')}
                    </Button>
                  </div>
                  <fieldset className="group-values">
                    <legend>{t('editor.segments.values')}</legend>
                    {(q?.choices ?? []).map((c) => (
                      <label key={String(c.value)} className="check">
                        <input
                          type="checkbox"
                          checked={g.values.some((v) => String(v) === String(c.value))}
                          onChange={(e) =>
                            update((d) => {
                              const gg = d.segments[si]!.groups[gi]!;
                              gg.values = e.target.checked
                                ? [...gg.values, c.value]
                                : gg.values.filter((v) => String(v) !== String(c.value));
                            })
                          }
                        />{' '}
                        {c.text}
                      </label>
                    ))}
                  </fieldset>
                </li>
              ))}
            </ul>
            <FieldIssues issues={issuesAt(issues, `segments[${si}]`)} />
          </fieldset>
        );
      })}
      <div className="tree-row">
        <label className="field grow">
          <span>{t('editor.segments.addFrom')}</span>
          <select className="ui-input" value={pick} onChange={(e) => setPick(e.target.value)}>
            <option value="">{t('editor.segments.choose')}</option>
            {questions.map((q) => (
              <option key={q.name} value={q.name}>
                {q.title}
              </option>
            ))}
          </select>
        </label>
        <Button onClick={add} disabled={!pick}>
          + {t('editor.segments.add')}
        </Button>
      </div>
    </Card>
  );
}
