import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { buildCatalog, type Indicator } from '@trame/shared';
import { Alert, Button, Card } from '../../../components/ui/ui';
import { issuesAt, useDesign, type Draft } from '../hooks/useDesign';
import { nextNumbered, slugify, uniqueCode } from '../model/codes';
import {
  AGREEMENT,
  DONT_KNOW,
  QUESTION_KINDS,
  agreementLevels,
  allQuestionNames,
  allowsDontKnow,
  choicesOf,
  convertQuestion,
  hasChoices,
  kindOf,
  pagesOf,
  text,
  type ChoiceItem,
  type Json,
  type QuestionKind,
} from '../model/questions';
import { renameChoice, renameQuestion } from '../model/rename';
import { ChoicesEditor } from './ChoicesEditor';
import { FieldIssues } from './common';
import { ConditionBuilder } from './ConditionBuilder';
import { indicatorsReading, pagesMut, type Pos } from '../model/pages';

/** One question: its type, wording, answers, condition, and the indicators it feeds. */
export function QuestionForm(props: {
  pos: Pos;
  question: Json;
  fresh: boolean;
  onRenamed: (old: string, next: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { draft, base, update, issues, select } = useDesign();
  const catalog = useMemo(() => (draft ? buildCatalog(draft.questionnaire) : null), [draft]);
  const [criterion, setCriterion] = useState('0:0');
  if (!draft || !catalog) return null;
  const q = props.question;
  const { p, q: qi } = props.pos;
  const kind = kindOf(q);
  const name = text(q.name);
  const path = `questionnaire.pages[${p}].elements[${qi}]`;

  const set = (mutate: (x: Json, d: Draft) => void) => update((d) => mutate(pagesMut(d)[p]!.elements[qi]!, d));
  const setProp = (k: string, v: unknown) =>
    set((x) => {
      if (v === undefined || v === '' || v === false) delete x[k];
      else x[k] = v;
    });
  const rename = (raw: string) => {
    const next = raw.toLowerCase().replace(/[^a-z0-9_]/g, '_');
    if (!next || next === name) return;
    if (allQuestionNames(draft.questionnaire).includes(next)) return;
    update((d) => {
      pagesMut(d)[p]!.elements[qi]!.name = next;
      renameQuestion(d, name, next);
    });
    props.onRenamed(name, next);
  };

  // Conditions can name the questions asked before this one.
  const before = new Set<string>();
  for (const [pi, page] of pagesOf(draft.questionnaire).entries())
    for (const [ei, el] of (page.elements ?? []).entries())
      if (pi < p || (pi === p && ei < qi)) if (typeof el.name === 'string') before.add(el.name);
  const conditionQuestions = catalog.questions.filter(
    (c) => before.has(c.name) && c.shape !== 'matrix' && c.shape !== 'object',
  );

  const choiceKey = kind === 'matrix' ? 'columns' : 'choices';
  const choiceList = choicesOf(q, choiceKey);
  const hasNsp = choiceList.some((c) => c.value === DONT_KNOW.value);
  const setChoices = (key: 'choices' | 'rows' | 'columns', items: ChoiceItem[]) =>
    set((x, d) => {
      const before = choicesOf(x, key);
      x[key] = items.map((c) => ({ value: c.value, text: c.text }));
      // One code edited in place: what names it (indicators, segments, conditions) follows.
      if (key === 'choices' && before.length === items.length) {
        const changed = before.map((c, i) => [c.value, items[i]!.value] as const).filter(([a, b]) => a !== b);
        if (changed.length === 1 && changed[0]![1] !== '') renameChoice(d, name, changed[0]![0], changed[0]![1]);
      }
    });
  const feeds = indicatorsReading(draft, name);
  // The codes this question has in the saved questionnaire (responses may use them).
  const savedQuestion = base
    ? pagesOf(base.questionnaire as Json)
        .flatMap((pg) => pg.elements ?? [])
        .find((el) => el.name === name)
    : undefined;
  const savedCodes = (key: 'choices' | 'rows') =>
    new Set(savedQuestion ? choicesOf(savedQuestion, key).map((c) => c.value) : []);
  const criteria = draft.framework.dimensions.flatMap((d, di) =>
    d.criteria.map((c, ci) => ({ key: `${di}:${ci}`, label: `${c.code} ${c.title}` })),
  );

  const createIndicator = () => {
    const [di, ci] = criterion.split(':').map(Number) as [number, number];
    const taken = draft.framework.dimensions.flatMap((d) => d.criteria.flatMap((c) => c.indicators.map((i) => i.code)));
    const code = nextNumbered('I', taken, 2);
    const numeric = kind === 'number' || kind === 'rating';
    const cq = catalog.byName.get(name);
    const ref = kind === 'matrix' && cq?.rows?.[0] ? `${name}.${String(cq.rows[0].value)}` : name;
    const nsp = choiceList.filter((c) => c.value === DONT_KNOW.value).map((c) => c.value);
    const positive =
      kind === 'boolean'
        ? [true]
        : choiceList.filter((c) => /^(oui|tout_a_fait|plutot_d_accord)/.test(c.value)).map((c) => c.value);
    const ind: Record<string, unknown> = {
      code,
      title: text(q.title) || name,
      kind: numeric ? 'mean' : kind === 'multiple' ? 'distribution' : 'percent',
      question: ref,
      ...(!numeric && kind !== 'multiple' && positive.length ? { positive } : {}),
      ...(nsp.length && !numeric ? { exclude: nsp } : {}),
    };
    update((d) => {
      if (d.framework.dimensions.length === 0) d.framework.dimensions.push({ code: 'D1', title: '', criteria: [] });
      const dim = d.framework.dimensions[di] ?? d.framework.dimensions[0]!;
      if (dim.criteria.length === 0) dim.criteria.push({ code: `${dim.code}.C1`, title: '', indicators: [] });
      const crit = dim.criteria[ci] ?? dim.criteria[0]!;
      crit.indicators.push(ind as unknown as Indicator);
    });
    select(code);
    void navigate('../framework', { relative: 'path' });
  };

  return (
    <Card
      title={t('editor.question.heading', { name: text(q.title) || name })}
      actions={<Button onClick={props.onClose}>← {t('editor.question.back')}</Button>}
      testId="question-form"
    >
      <a className="preview-skip" href="#questionnaire-preview">
        {t('editor.question.toPreview')}
      </a>
      <FieldIssues issues={issuesAt(issues, path)} />
      {kind === null ? (
        <Alert tone="info">{t('editor.question.notEditable', { type: text(q.type) })}</Alert>
      ) : (
        <label className="field">
          <span>{t('editor.question.kind')}</span>
          <select
            className="ui-input"
            value={kind}
            onChange={(e) =>
              set((x) => {
                const next = convertQuestion(x, e.target.value as QuestionKind);
                for (const k of Object.keys(x)) delete x[k];
                Object.assign(x, next);
              })
            }
          >
            {QUESTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`editor.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>{t('editor.question.title')}</span>
        <textarea
          className="ui-input"
          rows={2}
          value={typeof q.title === 'string' ? q.title : ''}
          onChange={(e) => {
            const title = e.target.value;
            set((x) => void (x.title = title));
            // A new question's code follows its title, until someone edits it.
            if (props.fresh) {
              const taken = allQuestionNames(draft.questionnaire).filter((n) => n !== name);
              const next = uniqueCode(slugify(title, 'question'), taken);
              if (next !== name) {
                update((d) => {
                  pagesMut(d)[p]!.elements[qi]!.name = next;
                  renameQuestion(d, name, next);
                });
                props.onRenamed(name, next);
              }
            }
          }}
        />
      </label>
      <label className="field">
        <span>{t('editor.question.description')}</span>
        <input
          className="ui-input"
          value={typeof q.description === 'string' ? q.description : ''}
          onChange={(e) => setProp('description', e.target.value)}
        />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={q.isRequired === true}
          onChange={(e) => setProp('isRequired', e.target.checked)}
        />{' '}
        {t('editor.question.required')}
      </label>

      {kind && hasChoices(kind) && (
        <ChoicesEditor
          legend={t('editor.choices.legend')}
          items={choiceList.filter((c) => c.value !== DONT_KNOW.value)}
          reserved={[DONT_KNOW.value]}
          saved={savedCodes('choices')}
          addLabel={t('editor.choices.add')}
          testId="choices-editor"
          onChange={(items) => setChoices('choices', hasNsp ? [...items, DONT_KNOW] : items)}
        />
      )}
      {(kind === 'agreement' || (kind === 'matrix' && agreementLevels(q))) && (
        <label className="field">
          <span>{t('editor.question.levels')}</span>
          <select
            className="ui-input"
            value={agreementLevels(q) ?? '4'}
            onChange={(e) =>
              setChoices(choiceKey, [
                ...AGREEMENT[e.target.value as '4' | '5'].map((c) => ({ ...c })),
                ...(hasNsp ? [DONT_KNOW] : []),
              ])
            }
          >
            <option value="4">{t('editor.question.levels4')}</option>
            <option value="5">{t('editor.question.levels5')}</option>
          </select>
        </label>
      )}
      {kind && allowsDontKnow(kind) && (
        <label className="check">
          <input
            type="checkbox"
            checked={hasNsp}
            onChange={(e) =>
              setChoices(
                choiceKey,
                e.target.checked ? [...choiceList, DONT_KNOW] : choiceList.filter((c) => c.value !== DONT_KNOW.value),
              )
            }
          />{' '}
          {t('editor.question.dontKnow')}
        </label>
      )}
      {kind === 'matrix' && (
        <ChoicesEditor
          legend={t('editor.question.rows')}
          items={choicesOf(q, 'rows')}
          saved={savedCodes('rows')}
          addLabel={t('editor.question.addRow')}
          onChange={(items) => setChoices('rows', items)}
        />
      )}
      {kind === 'rating' && (
        <div className="field-row">
          {(['rateMin', 'rateMax'] as const).map((k) => (
            <label key={k} className="field">
              <span>{t(`editor.question.${k}`)}</span>
              <input
                className="ui-input num-input"
                type="number"
                value={typeof q[k] === 'number' ? q[k] : k === 'rateMin' ? 1 : 5}
                onChange={(e) => setProp(k, e.target.value === '' ? undefined : Number(e.target.value))}
              />
            </label>
          ))}
        </div>
      )}
      {kind === 'number' && (
        <label className="field">
          <span>{t('editor.question.unit')}</span>
          <input
            className="ui-input unit-input"
            value={typeof q.placeholder === 'string' ? q.placeholder : ''}
            placeholder="€"
            onChange={(e) => setProp('placeholder', e.target.value)}
          />
          <span className="field-help">{t('editor.question.unitHelp')}</span>
        </label>
      )}

      <ConditionBuilder
        legend={t('editor.question.visibleIf')}
        help={t('editor.question.visibleIfHelp')}
        value={typeof q.visibleIf === 'string' ? q.visibleIf : undefined}
        onChange={(v) => setProp('visibleIf', v)}
        questions={conditionQuestions}
        testId="visible-if"
      />

      <label className="field">
        <span>{t('editor.question.code')}</span>
        <input className="ui-input code-input mono" value={name} onChange={(e) => rename(e.target.value)} />
        <span className="field-help">{t('editor.question.codeHelp')}</span>
      </label>

      <section className="feeds" aria-labelledby="feeds-title">
        <h3 id="feeds-title">{t('editor.question.feedsTitle')}</h3>
        {feeds.length === 0 ? (
          <p className="ui-muted">{t('editor.question.feedsNone')}</p>
        ) : (
          <ul>
            {feeds.map((i) => (
              <li key={i.code}>
                <span className="tree-code">{i.code}</span> {i.title}{' '}
                <Button
                  variant="ghost"
                  onClick={() => {
                    select(i.code);
                    void navigate('../framework', { relative: 'path' });
                  }}
                >
                  {t('editor.question.openIndicator')}
                </Button>
              </li>
            ))}
          </ul>
        )}
        {name && kind !== 'text' && kind !== 'comment' && (
          <div className="tree-row">
            {criteria.length > 1 && (
              <label className="field">
                <span>{t('editor.question.inCriterion')}</span>
                <select className="ui-input" value={criterion} onChange={(e) => setCriterion(e.target.value)}>
                  {criteria.map((c) => (
                    <option key={c.key} value={c.key}>
                      {c.label}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <Button variant="primary" onClick={createIndicator}>
              {t('editor.question.createIndicator')}
            </Button>
          </div>
        )}
      </section>
    </Card>
  );
}
