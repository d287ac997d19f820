import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  buildCatalog,
  refChoices,
  refIsNumeric,
  resolveRef,
  type IndicatorKind,
  type QuestionInfo,
  type Scalar,
  type ValidationIssue,
} from '@trame/shared';
import { Button, Card } from '../../../components/ui/ui';
import { issuesAt, useDesign, type Draft } from '../hooks/useDesign';
import { looksLikeDontKnow } from '../model/codes';
import { indicatorPath } from '../model/paths';
import { FieldIssues } from './common';
import { ConditionBuilder, answersOf } from './ConditionBuilder';
import { LiveResult } from './LiveResult';
import { QuestionPicker, questionOptions } from './QuestionPicker';

const KINDS: IndicatorKind[] = ['percent', 'count', 'sum', 'mean', 'median', 'distribution', 'internal', 'ratio'];
type Rec = Record<string, unknown>;

function locate(d: Draft, code: string) {
  for (const [di, dim] of d.framework.dimensions.entries())
    for (const [ci, c] of dim.criteria.entries())
      for (const [ii, ind] of c.indicators.entries()) if (ind.code === code) return { di, ci, ii, ind, dim, c };
  return null;
}

/** Positive answers suggested for an agreement scale: the "yes" side. */
function suggestedPositive(choices: { value: Scalar; text: string }[]): Scalar[] {
  return choices
    .filter((c) => /^(oui|tout_a_fait|plutot_d_accord)/.test(String(c.value)) || /^oui\b/i.test(c.text))
    .map((c) => c.value);
}

function Field(p: { issues: ValidationIssue[]; label: string; children: ReactNode; help?: string }) {
  return (
    <div className="field">
      <label>
        <span>{p.label}</span>
        {p.children}
      </label>
      {p.help && <p className="field-help">{p.help}</p>}
      <FieldIssues issues={p.issues} />
    </div>
  );
}

/** One indicator: what it counts, among whom, how it is said; its result beside the form. */
export function IndicatorEditor(props: { code: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { draft, update, issues, select } = useDesign();
  const catalog = useMemo(() => (draft ? buildCatalog(draft.questionnaire) : null), [draft]);
  if (!draft || !catalog) return null;
  const at = locate(draft, props.code);
  if (!at) return null;
  const { di, ci, ii, ind } = at;
  const rec = ind as unknown as Rec;
  const path = indicatorPath(draft, ind.code) ?? '';
  const fieldIssues = (f: string) => issuesAt(issues, `${path}.${f}`);
  const own = issuesAt(issues, path).filter(
    (i) =>
      !/^\.(question|positive|exclude|title|statement|code|kind|where|population|breakdown|internal|numerator|denominator|decimals|unit|positiveIf|choices|factor)/.test(
        i.path.slice(path.length),
      ),
  );

  const set = (mutate: (x: Rec) => void) =>
    update((d) => mutate(d.framework.dimensions[di]!.criteria[ci]!.indicators[ii] as unknown as Rec));
  const setField = (f: string, v: unknown) =>
    set((x) => {
      if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) delete x[f];
      else x[f] = v;
    });

  const kind = ind.kind;
  const questionKinds = ['percent', 'count', 'sum', 'mean', 'median', 'distribution'];
  const numericKind = kind === 'sum' || kind === 'mean' || kind === 'median';
  const options = questionOptions(catalog.questions, (q: QuestionInfo) =>
    numericKind
      ? q.shape === 'number' || q.shape === 'rating' || q.shape === 'matrix' || q.shape === 'object'
      : kind === 'distribution'
        ? q.shape === 'single' ||
          q.shape === 'multiple' ||
          q.shape === 'rating' ||
          q.shape === 'boolean' ||
          q.shape === 'matrix'
        : q.shape !== 'object',
  );
  const question = typeof rec.question === 'string' ? rec.question : undefined;
  const ref = question ? resolveRef(catalog, question) : null;
  const choices = ref
    ? ref.path.length === 0 && ref.question.shape === 'boolean'
      ? answersOf(ref.question)
      : (refChoices(ref) ?? [])
    : [];
  const positive = (rec.positive as Scalar[] | undefined) ?? [];
  const exclude = (rec.exclude as Scalar[] | undefined) ?? [];
  const has = (list: Scalar[], v: Scalar) => list.some((x) => String(x) === String(v));
  const toggle = (f: 'positive' | 'exclude' | 'choices', v: Scalar, on: boolean) =>
    set((x) => {
      const list = ((x[f] as Scalar[] | undefined) ?? []).filter((y) => String(y) !== String(v));
      if (on) list.push(v);
      if (list.length) x[f] = list;
      else delete x[f];
      // An answer cannot be both counted as positive and left out.
      const other = f === 'positive' ? 'exclude' : f === 'exclude' ? 'positive' : null;
      if (on && other && Array.isArray(x[other])) {
        x[other] = (x[other] as Scalar[]).filter((y) => String(y) !== String(v));
        if ((x[other] as Scalar[]).length === 0) delete x[other];
      }
    });

  const pickQuestion = (r: string) =>
    set((x) => {
      x.question = r;
      const rr = resolveRef(catalog, r);
      const ch = rr
        ? rr.path.length === 0 && rr.question.shape === 'boolean'
          ? answersOf(rr.question)
          : (refChoices(rr) ?? [])
        : [];
      delete x.positive;
      delete x.choices;
      const nsp = ch.filter((c) => looksLikeDontKnow(c.value, c.text)).map((c) => c.value);
      if (nsp.length && !numericKind) x.exclude = nsp;
      else delete x.exclude;
      if (x.kind === 'percent' || x.kind === 'count') {
        const pos = rr?.question.shape === 'boolean' ? [ch[0]!.value] : suggestedPositive(ch);
        if (pos.length) x.positive = pos;
      }
      if (!x.title && rr)
        x.title = rr.path.length ? (options.find((o) => o.ref === r)?.title ?? rr.question.title) : rr.question.title;
    });

  const segments = draft.segments;
  const internalCodes = draft.internalData;
  const otherIndicators = draft.framework.dimensions
    .flatMap((d) => d.criteria.flatMap((c) => c.indicators))
    .filter((i) => i.code !== ind.code);

  const operand = (f: 'numerator' | 'denominator', label: string) => {
    const v = typeof rec[f] === 'string' ? rec[f] : '';
    const opts: { value: string; text: string }[] = [
      { value: 'respondents', text: t('editor.ratio.respondents') },
      ...segments.flatMap((s) =>
        s.groups.map((g) => ({
          value: `respondents:${s.code}=${g.code}`,
          text: t('editor.ratio.respondentsIn', { group: g.label ?? g.code }),
        })),
      ),
      ...internalCodes.map((d) => ({
        value: `internal:${d.code}`,
        text: t('editor.ratio.internal', { label: d.label }),
      })),
      ...otherIndicators.map((i) => ({
        value: `indicator:${i.code}`,
        text: t('editor.ratio.indicator', { code: i.code, title: i.title ?? '' }),
      })),
    ];
    return (
      <Field issues={fieldIssues(f)} label={label}>
        <select className="ui-input" value={v} onChange={(e) => setField(f, e.target.value || undefined)}>
          <option value="">{t('editor.ratio.choose')}</option>
          {!opts.some((o) => o.value === v) && v && <option value={v}>{v}</option>}
          {opts.map((o) => (
            <option key={o.value} value={o.value}>
              {o.text}
            </option>
          ))}
        </select>
      </Field>
    );
  };
  // Alone without a question; under "advanced" beside the answer ticks it replaces.
  const positiveIfField = (
    <Field
      issues={fieldIssues('positiveIf')}
      label={t('editor.indicator.positiveIf')}
      help={t('editor.indicator.positiveIfHelp')}
    >
      <input
        className="ui-input mono"
        value={(rec.positiveIf as string | undefined) ?? ''}
        onChange={(e) => setField('positiveIf', e.target.value)}
      />
    </Field>
  );

  return (
    <div className="indicator-layout" data-testid="indicator-editor">
      <Card
        title={t('editor.indicator.heading', { code: ind.code })}
        actions={
          <Button onClick={props.onClose} data-testid="back-to-tree">
            ← {t('editor.indicator.back')}
          </Button>
        }
        className="indicator-form"
      >
        <p className="ui-muted">
          {at.dim.code} {at.dim.title} › {at.c.code} {at.c.title}
        </p>
        <FieldIssues issues={own} />
        <Field issues={fieldIssues('title')} label={t('editor.indicator.title')}>
          <input className="ui-input" value={ind.title ?? ''} onChange={(e) => setField('title', e.target.value)} />
        </Field>
        <Field issues={fieldIssues('kind')} label={t('editor.indicator.kind')} help={t(`editor.kindHelp.${kind}`)}>
          <select
            className="ui-input"
            value={kind}
            onChange={(e) =>
              set((x) => {
                const next = e.target.value as IndicatorKind;
                x.kind = next;
                if (next === 'internal' || next === 'ratio') {
                  for (const k of ['question', 'positive', 'exclude', 'positiveIf', 'choices']) delete x[k];
                }
                if (next !== 'internal') delete x.internal;
                if (next !== 'ratio') for (const k of ['numerator', 'denominator', 'factor']) delete x[k];
                if (next !== 'percent' && next !== 'count') delete x.positive;
                if (next !== 'distribution') delete x.choices;
              })
            }
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </Field>

        {questionKinds.includes(kind) && (
          <div className="field">
            <QuestionPicker
              label={t('editor.indicator.question')}
              value={question}
              options={options}
              onChange={pickQuestion}
              invalid={fieldIssues('question').length > 0}
            />
            <FieldIssues issues={fieldIssues('question')} />
          </div>
        )}

        {(kind === 'percent' || kind === 'count') && question && (
          <>
            {choices.length > 0 ? (
              <fieldset className="field answers" data-testid="answers">
                <legend>{t('editor.indicator.answers')}</legend>
                <p className="field-help">
                  {t(kind === 'percent' ? 'editor.indicator.answersHelp' : 'editor.indicator.answersHelpCount')}
                </p>
                <table className="ui-table answers-table">
                  <thead>
                    <tr>
                      <th>{t('editor.indicator.answer')}</th>
                      <th>{t('editor.indicator.positive')}</th>
                      <th>{t('editor.indicator.exclude')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {choices.map((c) => (
                      <tr key={String(c.value)}>
                        <th scope="row">
                          {c.text}
                          {looksLikeDontKnow(c.value, c.text) && (
                            <span className="ui-muted"> · {t('editor.indicator.suggestExclude')}</span>
                          )}
                        </th>
                        <td>
                          <input
                            type="checkbox"
                            aria-label={t('editor.indicator.positiveOf', { answer: c.text })}
                            checked={has(positive, c.value)}
                            onChange={(e) => toggle('positive', c.value, e.target.checked)}
                          />
                        </td>
                        <td>
                          <input
                            type="checkbox"
                            aria-label={t('editor.indicator.excludeOf', { answer: c.text })}
                            checked={has(exclude, c.value)}
                            onChange={(e) => toggle('exclude', c.value, e.target.checked)}
                          />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <FieldIssues issues={[...fieldIssues('positive'), ...fieldIssues('exclude')]} />
              </fieldset>
            ) : (
              ref && !refIsNumeric(ref) && <p className="ui-muted">{t('editor.indicator.noChoices')}</p>
            )}
            <details className="advanced">
              <summary>{t('editor.indicator.advanced')}</summary>
              {positiveIfField}
            </details>
          </>
        )}
        {(kind === 'percent' || kind === 'count') && !question && positiveIfField}

        {kind === 'distribution' && choices.length > 0 && (
          <fieldset className="field">
            <legend>{t('editor.indicator.choicesShown')}</legend>
            <p className="field-help">{t('editor.indicator.choicesShownHelp')}</p>
            {choices.map((c) => (
              <label key={String(c.value)} className="check">
                <input
                  type="checkbox"
                  checked={has((rec.choices as Scalar[] | undefined) ?? [], c.value)}
                  onChange={(e) => toggle('choices', c.value, e.target.checked)}
                />{' '}
                {c.text}
              </label>
            ))}
          </fieldset>
        )}

        {kind === 'internal' && (
          <Field
            issues={fieldIssues('internal')}
            label={t('editor.indicator.internal')}
            help={t('editor.indicator.internalHelp')}
          >
            <select
              className="ui-input"
              value={(rec.internal as string | undefined) ?? ''}
              onChange={(e) => setField('internal', e.target.value || undefined)}
            >
              <option value="">{t('editor.ratio.choose')}</option>
              {internalCodes.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.label} ({d.value}
                  {d.unit ? ` ${d.unit}` : ''})
                </option>
              ))}
            </select>
          </Field>
        )}

        {kind === 'ratio' && (
          <>
            {operand('numerator', t('editor.ratio.numerator'))}
            {operand('denominator', t('editor.ratio.denominator'))}
            <Field issues={fieldIssues('factor')} label={t('editor.ratio.factor')} help={t('editor.ratio.factorHelp')}>
              <input
                className="ui-input num-input"
                inputMode="decimal"
                value={typeof rec.factor === 'number' ? String(rec.factor) : ''}
                onChange={(e) => {
                  const n = Number(e.target.value.replace(',', '.'));
                  setField('factor', e.target.value === '' || Number.isNaN(n) ? undefined : n);
                }}
              />
            </Field>
          </>
        )}

        {kind !== 'internal' && (
          <>
            <Field
              issues={fieldIssues('population')}
              label={t('editor.indicator.population')}
              help={t('editor.indicator.populationHelp')}
            >
              <select
                className="ui-input"
                value={ind.population ? `${ind.population.segment}=${ind.population.group}` : ''}
                onChange={(e) => {
                  const [segment, group] = e.target.value.split('=');
                  setField('population', segment && group ? { segment, group } : undefined);
                }}
              >
                <option value="">{t('editor.indicator.everyone')}</option>
                {segments.flatMap((s) =>
                  s.groups.map((g) => (
                    <option key={`${s.code}=${g.code}`} value={`${s.code}=${g.code}`}>
                      {s.label ?? s.code} : {g.label ?? g.code}
                    </option>
                  )),
                )}
              </select>
            </Field>
            <div className="field">
              <ConditionBuilder
                legend={t('editor.indicator.where')}
                help={t('editor.indicator.whereHelp')}
                value={ind.where}
                onChange={(v) => setField('where', v)}
                questions={catalog.questions.filter((q) => q.shape !== 'object' && q.shape !== 'matrix')}
                testId="where-builder"
              />
              <FieldIssues issues={fieldIssues('where')} />
            </div>
            <fieldset className="field">
              <legend>{t('editor.indicator.breakdown')}</legend>
              {segments.length === 0 && <p className="ui-muted">{t('editor.indicator.noSegment')}</p>}
              {segments.map((s) => (
                <label key={s.code} className="check">
                  <input
                    type="checkbox"
                    checked={ind.breakdown?.includes(s.code) ?? false}
                    onChange={(e) =>
                      set((x) => {
                        const list = ((x.breakdown as string[] | undefined) ?? []).filter((b) => b !== s.code);
                        if (e.target.checked) list.push(s.code);
                        if (list.length) x.breakdown = list;
                        else delete x.breakdown;
                      })
                    }
                  />{' '}
                  {t('editor.indicator.bySegment', { segment: s.label ?? s.code })}
                </label>
              ))}
              <FieldIssues issues={fieldIssues('breakdown')} />
            </fieldset>
          </>
        )}

        <Field
          issues={fieldIssues('statement')}
          label={t('editor.indicator.statement')}
          help={t(
            `editor.indicator.statementHelp.${kind === 'percent' ? 'percent' : kind === 'count' ? 'count' : 'other'}`,
          )}
        >
          <input
            className="ui-input"
            value={ind.statement ?? ''}
            placeholder={t('editor.indicator.statementPlaceholder')}
            onChange={(e) => setField('statement', e.target.value)}
          />
        </Field>
        <div className="field-row">
          <Field issues={fieldIssues('decimals')} label={t('editor.indicator.decimals')}>
            <select
              className="ui-input"
              value={String(ind.decimals ?? 0)}
              onChange={(e) => setField('decimals', e.target.value === '0' ? undefined : Number(e.target.value))}
            >
              {[0, 1, 2, 3].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </Field>
          {kind !== 'percent' && (
            <Field issues={fieldIssues('unit')} label={t('editor.indicator.unit')}>
              <input
                className="ui-input unit-input"
                value={ind.unit ?? ''}
                placeholder="€, h…"
                onChange={(e) => setField('unit', e.target.value)}
              />
            </Field>
          )}
          <Field issues={fieldIssues('code')} label={t('editor.indicator.code')} help={t('editor.indicator.codeHelp')}>
            <input
              className="ui-input code-input"
              value={ind.code}
              onChange={(e) => {
                // A code names the indicator everywhere: never empty, never another's.
                const next = e.target.value.trim();
                if (!next || otherIndicators.some((i) => i.code === next)) return;
                set((x) => void (x.code = next));
                select(next);
              }}
            />
          </Field>
        </div>
      </Card>
      <LiveResult indicator={ind} />
    </div>
  );
}
