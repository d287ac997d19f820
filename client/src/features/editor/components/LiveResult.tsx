import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  buildCatalog,
  evaluate,
  parseBundle,
  refChoices,
  resolveRef,
  parseResponsesJson,
  statementSentence,
  type Bundle,
  type Figure,
  type Indicator,
  type IndicatorResult,
} from '@trame/shared';
import { Alert, Badge, Card, Spinner } from '../../../components/ui/ui';
import { formatNumber } from '../../../lib/format';
import { useAsync } from '../../../lib/useAsync';
import { getResponses, listCampaigns } from '../api/editorApi';
import { bundleOf, useDesign, type Draft } from '../hooks/useDesign';

/** The indicator and those its ratio operands name (recursively), so that it can be computed alone. */
function withDependencies(d: Draft, ind: Indicator): Indicator[] {
  const all = new Map(
    d.framework.dimensions.flatMap((x) => x.criteria.flatMap((c) => c.indicators)).map((i) => [i.code, i]),
  );
  const out = new Map<string, Indicator>();
  const visit = (i: Indicator) => {
    if (out.has(i.code)) return;
    out.set(i.code, i);
    if (i.kind !== 'ratio') return;
    for (const op of [i.numerator, i.denominator]) {
      const m = /^indicator:(.+)$/.exec(op ?? '');
      const dep = m ? all.get(m[1]!) : undefined;
      if (dep) visit(dep);
    }
  };
  visit(ind);
  return [...out.values()].reverse();
}

// Written as the dashboard writes them, so that both read the same.
function valueText(ind: Indicator, f: Figure, lang: string): string {
  if (f.value === null || f.value === undefined) return '—';
  const decimals = ind.decimals ?? 0;
  const n = formatNumber(f.rounded ?? f.value, lang, decimals);
  if (ind.kind === 'percent') return `${n}\u202f%`;
  return ind.unit ? `${n}\u202f${ind.unit}` : n;
}

function nOfN(f: Figure, lang: string): string | null {
  if (f.numerator !== undefined && f.numerator !== null && f.denominator !== undefined)
    return `${formatNumber(f.numerator, lang)}/${formatNumber(f.denominator, lang)}`;
  if (f.denominator !== undefined) return `n = ${formatNumber(f.denominator, lang)}`;
  return null;
}

/**
 * The indicator as it is being edited, computed in the browser by the shared engine on a campaign's
 * responses: the same code as the server's dashboard, so the same figures, before anything is saved.
 */
export function LiveResult(props: { indicator: Indicator }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { draft, base } = useDesign();
  const evaluationId = String(base?.id ?? '');
  const campaigns = useAsync((s) => listCampaigns(evaluationId, s), [evaluationId]);
  const [chosen, setChosen] = useState<string | null>(null);
  const list = campaigns.data ?? [];
  const campaignId =
    chosen ?? (list.length ? String([...list].sort((a, b) => b.responses.complete - a.responses.complete)[0]!.id) : '');
  const responses = useAsync((s) => (campaignId ? getResponses(campaignId, s) : Promise.resolve(null)), [campaignId]);

  const computed = useMemo(() => {
    if (!draft || responses.data === undefined || responses.data === null) return null;
    const doc = bundleOf(draft);
    doc.framework = {
      ...draft.framework,
      dimensions: [
        {
          code: 'D',
          title: '',
          criteria: [{ code: 'C', title: '', indicators: withDependencies(draft, props.indicator) }],
        },
      ],
    };
    const checked = parseBundle(doc);
    if (!checked.ok) return { errors: checked.errors.map((e) => e.message) };
    const bundle: Bundle = checked.value.bundle;
    const records = parseResponsesJson(bundle, responses.data);
    if (!records.ok) return { errors: records.errors.map((e) => e.message) };
    try {
      const results = evaluate(bundle, records.value);
      const ind = bundle.framework.dimensions[0]!.criteria[0]!.indicators.find((i) => i.code === props.indicator.code)!;
      const result = results.indicators.find((r) => r.code === ind.code) as IndicatorResult;
      // Choices by their labels, as the questionnaire words them.
      const q = 'question' in ind && typeof ind.question === 'string' ? ind.question : undefined;
      const ref = q ? resolveRef(buildCatalog(bundle.questionnaire), q) : null;
      const labels = new Map<string, string>(
        (ref ? (refChoices(ref) ?? []) : []).map((c) => [String(c.value), c.text]),
      );
      return {
        bundle,
        ind,
        result,
        labels,
        total: results.respondents.total,
        sentence: statementSentence(bundle, ind, result),
      };
    } catch (e) {
      return { errors: [e instanceof Error ? e.message : String(e)] };
    }
  }, [draft, responses.data, props.indicator]);

  const labels = (computed && 'labels' in computed ? computed.labels : undefined) ?? new Map<string, string>();
  return (
    <Card title={t('editor.live.title')} className="live-result" testId="live-result">
      <p className="ui-muted">{t('editor.live.intro')}</p>
      {campaigns.status === 'loading' && <Spinner label={t('common.loading')} />}
      {campaigns.data && list.length === 0 && <p className="ui-muted">{t('editor.live.noCampaign')}</p>}
      {list.length > 0 && (
        <label className="field">
          <span>{t('editor.live.campaign')}</span>
          <select className="ui-input" value={campaignId} onChange={(e) => setChosen(e.target.value)}>
            {list.map((c) => (
              <option key={c.id} value={String(c.id)}>
                {c.title} ({t('editor.live.responses', { count: c.responses.complete })})
              </option>
            ))}
          </select>
        </label>
      )}
      {campaignId && responses.status === 'loading' && <Spinner label={t('common.loading')} />}
      {responses.status === 'error' && <Alert tone="error">{t('common.loadError')}</Alert>}
      {computed && 'errors' in computed && (
        <Alert tone="warning" testId="live-errors">
          <p className="alert-p">{t('editor.live.cannot')}</p>
          <ul>
            {computed.errors!.slice(0, 5).map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </Alert>
      )}
      {computed && 'result' in computed && computed.result && (
        <div aria-live="polite">
          <p className="live-main">
            <span className="indicator-value" data-testid="live-value">
              {valueText(computed.ind, computed.result, lang)}
            </span>{' '}
            {nOfN(computed.result, lang) && (
              <span className="nofn" data-testid="live-nofn">
                {nOfN(computed.result, lang)}
              </span>
            )}{' '}
            {computed.result.smallSample && <Badge tone="warn">{t('results.smallSample')}</Badge>}
          </p>
          <p className="ui-muted">{t('editor.live.total', { count: computed.total })}</p>
          {computed.result.choices && (
            <table className="ui-table">
              <tbody>
                {computed.result.choices.map((c) => (
                  <tr key={String(c.value)}>
                    <th scope="row">{labels.get(String(c.value)) ?? String(c.value)}</th>
                    <td>{c.rounded === null ? '—' : `${formatNumber(c.rounded, lang)}\u202f%`}</td>
                    <td>{c.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {Object.entries(computed.result.breakdown ?? {}).map(([seg, groups]) => {
            const s = computed.bundle.segments.find((x) => x.code === seg);
            return (
              <table key={seg} className="ui-table" data-testid={`live-breakdown-${seg}`}>
                <caption>{t('results.bySegment', { segment: s?.label ?? seg })}</caption>
                <thead>
                  <tr>
                    <th>{t('editor.segments.group')}</th>
                    <th>{t('results.value')}</th>
                    <th>{t('results.nOfN')}</th>
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(groups).map(([g, f]) => (
                    <tr key={g} data-testid={`live-group-${seg}-${g}`}>
                      <th scope="row">{s?.groups.find((x) => x.code === g)?.label ?? g}</th>
                      <td>{valueText(computed.ind, f, lang)}</td>
                      <td>{nOfN(f, lang) ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            );
          })}
          {computed.sentence ? (
            <blockquote className="sentence" data-testid="live-sentence">
              {computed.sentence}
            </blockquote>
          ) : (
            <p className="ui-muted">{t('editor.live.noSentence')}</p>
          )}
        </div>
      )}
    </Card>
  );
}
