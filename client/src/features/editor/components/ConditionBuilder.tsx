import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuestionInfo } from '@trame/shared';
import { Button } from '../../../components/ui/ui';
import { buildExpression, parseExpression, type Clause, type Condition, type Operator } from '../model/conditions';

/** The answers one can pick for a question in a condition (a yes/no question: true / false). */
export function answersOf(q: QuestionInfo | undefined): { value: string | number | boolean; text: string }[] {
  if (!q) return [];
  if (q.shape === 'boolean') {
    const v = q.booleanValues ?? { true: true, false: false };
    return [
      { value: v.true, text: 'Oui' },
      { value: v.false, text: 'Non' },
    ];
  }
  return [...(q.choices ?? [])];
}

/**
 * "Afficher si *question* est *réponse*", clauses combined with et / ou, written as a SurveyJS expression.
 * An expression the builder cannot read (written by hand, imported) is kept and edited as text.
 */
export function ConditionBuilder(props: {
  legend: string;
  help?: string;
  value: string | undefined;
  onChange: (expr: string | undefined) => void;
  questions: QuestionInfo[];
  testId?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const parsed = parseExpression(props.value);
  const [text, setText] = useState(false);
  const byName = new Map(props.questions.map((q) => [q.name, q]));

  const write = (c: Condition) => {
    const expr = buildExpression(c);
    props.onChange(expr === '' ? undefined : expr);
  };

  if (!parsed || text)
    return (
      <fieldset className="condition" data-testid={props.testId}>
        <legend>{props.legend}</legend>
        {!parsed && <p className="ui-muted">{t('editor.condition.textOnly')}</p>}
        <label className="field">
          <span>{t('editor.condition.expression')}</span>
          <input
            className="ui-input mono"
            value={props.value ?? ''}
            onChange={(e) => props.onChange(e.target.value.trim() === '' ? undefined : e.target.value)}
          />
        </label>
        {parsed && (
          <Button variant="ghost" onClick={() => setText(false)}>
            {t('editor.condition.backToBuilder')}
          </Button>
        )}
      </fieldset>
    );

  const setClause = (i: number, patch: Partial<Clause>) =>
    write({ ...parsed, clauses: parsed.clauses.map((c, k) => (k === i ? { ...c, ...patch } : c)) });

  return (
    <fieldset className="condition" data-testid={props.testId}>
      <legend>{props.legend}</legend>
      {props.help && <p className="ui-muted">{props.help}</p>}
      {parsed.clauses.length === 0 && <p className="ui-muted">{t('editor.condition.none')}</p>}
      {parsed.clauses.length > 1 && (
        <label className="field inline">
          <span>{t('editor.condition.join')}</span>
          <select
            className="ui-input"
            value={parsed.join}
            onChange={(e) => write({ ...parsed, join: e.target.value as 'and' | 'or' })}
          >
            <option value="and">{t('editor.condition.and')}</option>
            <option value="or">{t('editor.condition.or')}</option>
          </select>
        </label>
      )}
      <ol className="clauses">
        {parsed.clauses.map((c, i) => {
          const q = byName.get(c.question);
          const multiple = q?.shape === 'multiple';
          const answers = answersOf(q);
          const ops: Operator[] = multiple ? ['contains', 'notcontains', 'answered'] : ['eq', 'neq', 'answered'];
          return (
            <li key={i} className="clause">
              {i > 0 && <span className="clause-join">{t(`editor.condition.${parsed.join}`)}</span>}
              <label className="field">
                <span>{t('editor.condition.question')}</span>
                <select
                  className="ui-input"
                  id={`${id}-q${i}`}
                  aria-label={t('editor.condition.question')}
                  value={c.question}
                  onChange={(e) => {
                    const nq = byName.get(e.target.value);
                    const first = answersOf(nq)[0];
                    setClause(i, {
                      question: e.target.value,
                      op: nq?.shape === 'multiple' ? 'contains' : 'eq',
                      value: first ? first.value : '',
                    });
                  }}
                >
                  {!q && <option value={c.question}>{c.question || t('editor.condition.chooseQuestion')}</option>}
                  {props.questions.map((qq) => (
                    <option key={qq.name} value={qq.name}>
                      {qq.title}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span>{t('editor.condition.operator')}</span>
                <select
                  className="ui-input"
                  aria-label={t('editor.condition.operator')}
                  value={ops.includes(c.op) ? c.op : ops[0]}
                  onChange={(e) => setClause(i, { op: e.target.value as Operator })}
                >
                  {ops.map((o) => (
                    <option key={o} value={o}>
                      {t(`editor.condition.ops.${o}`)}
                    </option>
                  ))}
                </select>
              </label>
              {c.op !== 'answered' && c.op !== 'empty' && (
                <label className="field">
                  <span>{t('editor.condition.answer')}</span>
                  {answers.length > 0 ? (
                    <select
                      className="ui-input"
                      aria-label={t('editor.condition.answer')}
                      value={String(c.value)}
                      onChange={(e) => {
                        const a = answers.find((x) => String(x.value) === e.target.value);
                        setClause(i, { value: a ? a.value : e.target.value });
                      }}
                    >
                      {!answers.some((a) => String(a.value) === String(c.value)) && (
                        <option value={String(c.value)}>{String(c.value ?? '')}</option>
                      )}
                      {answers.map((a) => (
                        <option key={String(a.value)} value={String(a.value)}>
                          {a.text}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input
                      className="ui-input"
                      value={String(c.value ?? '')}
                      onChange={(e) => {
                        const n = Number(e.target.value.replace(',', '.'));
                        const numeric = q?.shape === 'number' || q?.shape === 'rating';
                        setClause(i, {
                          value: numeric && e.target.value !== '' && !Number.isNaN(n) ? n : e.target.value,
                        });
                      }}
                    />
                  )}
                </label>
              )}
              <Button
                variant="danger"
                aria-label={t('editor.condition.removeNamed', { n: i + 1 })}
                onClick={() => write({ ...parsed, clauses: parsed.clauses.filter((_, k) => k !== i) })}
              >
                {t('common.delete')}
              </Button>
            </li>
          );
        })}
      </ol>
      <div className="row-actions">
        <Button
          disabled={props.questions.length === 0}
          onClick={() => {
            const q = props.questions[0]!;
            const first = answersOf(q)[0];
            write({
              ...parsed,
              clauses: [
                ...parsed.clauses,
                { question: q.name, op: q.shape === 'multiple' ? 'contains' : 'eq', value: first ? first.value : '' },
              ],
            });
          }}
        >
          + {t('editor.condition.add')}
        </Button>
        <Button variant="ghost" onClick={() => setText(true)}>
          {t('editor.condition.asText')}
        </Button>
      </div>
      {props.value && (
        <p className="ui-muted">
          {t('editor.condition.written')}{' '}
          <code data-testid={props.testId ? `${props.testId}-expr` : undefined}>{props.value}</code>
        </p>
      )}
    </fieldset>
  );
}
