import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Badge, Card, Spinner } from '../../../components/ui/ui';
import type { Figure, IndicatorResult, Results } from '../../../lib/api/schema';
import { formatDate, formatFixed, formatNumber } from '../../../lib/format';
import { csvUrl, workbookUrl, type FrameworkForResults } from '../api/resultsApi';
import { POLL_MS, useFramework, useResults } from '../hooks/useResults';
import { GroupBars } from './GroupBars';
import { type Bundle, type IndicatorResult as SharedIndicatorResult, statementSentence } from '@trame/shared';
import { choiceLabels, groupLabel, percentText } from './labels';
import './results.css';

type Indicator = FrameworkForResults['framework']['dimensions'][number]['criteria'][number]['indicators'][number];

export function ResultsDashboard(props: { campaignId: string; evaluationId: string }) {
  const { t, i18n } = useTranslation();
  const results = useResults(props.campaignId);
  const framework = useFramework(props.evaluationId);
  const [showCi, setShowCi] = useState(false);
  const [updatedAt, setUpdatedAt] = useState<string | null>(null);
  const [lastTotal, setLastTotal] = useState<number | null>(null);
  if (results.data && results.data.respondents.total !== lastTotal) {
    setLastTotal(results.data.respondents.total);
    setUpdatedAt(new Date().toISOString());
  }

  if (framework.status === 'error' || (results.status === 'error' && !results.data)) {
    return <Alert tone="error">{t('results.loadError')}</Alert>;
  }
  if (!framework.data || !results.data) return <Spinner label={t('common.loading')} />;
  const b = framework.data;
  const r = results.data;
  const byCode = new Map(r.indicators.map((i) => [i.code, i]));

  return (
    <div className="results" data-testid="results-dashboard">
      <Card
        title={t('results.title')}
        actions={
          <>
            <a
              className="ui-btn ui-btn--primary"
              href={workbookUrl(props.campaignId)}
              download
              data-testid="download-xlsx"
            >
              {t('results.downloadXlsx')}
            </a>
            <a className="ui-btn" href={csvUrl(props.campaignId)} download data-testid="download-csv">
              {t('results.downloadCsv')}
            </a>
          </>
        }
      >
        <Respondents bundle={b} results={r} />
        <p className="ui-muted live-note" aria-live="polite">
          {t('results.live', { seconds: POLL_MS / 1000 })}
          {updatedAt ? ` · ${t('results.updated', { date: formatDate(updatedAt, i18n.language) })}` : ''}
          {results.status === 'error' ? ` · ${t('results.pollError')}` : ''}
        </p>
        <label className="toggle">
          <input type="checkbox" checked={showCi} onChange={(e) => setShowCi(e.target.checked)} /> {t('results.showCi')}
        </label>
      </Card>
      {b.framework.dimensions.map((d) => (
        <section key={d.code} className="dimension" aria-labelledby={`dim-${d.code}`}>
          <h2 id={`dim-${d.code}`} className="dimension-title">
            <span className="tree-code">{d.code}</span> {d.title}
          </h2>
          {d.criteria.map((c) => (
            <Card
              key={c.code}
              title={
                <>
                  <span className="tree-code">{c.code}</span> {c.title}
                </>
              }
              className="criterion"
            >
              {c.indicators.length === 0 && <p className="ui-muted">{t('results.noIndicator')}</p>}
              {c.indicators.map((ind) => (
                <IndicatorView
                  key={ind.code}
                  bundle={b}
                  indicator={ind}
                  result={byCode.get(ind.code)}
                  showCi={showCi}
                  threshold={b.settings?.smallSampleThreshold ?? 30}
                />
              ))}
            </Card>
          ))}
        </section>
      ))}
    </div>
  );
}

function Respondents(props: { bundle: FrameworkForResults; results: Results }) {
  const { t, i18n } = useTranslation();
  const { bundle, results } = props;
  // Response rates: ratio indicators of the form respondents[:seg=group] / internal:CODE (a population).
  const rates: { label: string; n: number; of: number; pct: number | null; source?: string }[] = [];
  for (const d of bundle.framework.dimensions)
    for (const c of d.criteria)
      for (const ind of c.indicators) {
        if (ind.kind !== 'ratio') continue;
        const num = ind.numerator;
        const den = ind.denominator;
        if (!num.startsWith('respondents') || !den.startsWith('internal:')) continue;
        const datum = bundle.internalData.find((x) => x.code === den.slice('internal:'.length));
        const res = results.indicators.find((x) => x.code === ind.code);
        if (!datum || !res) continue;
        const m = /^respondents:([^=]+)=(.+)$/.exec(num);
        const who = m ? groupLabel(bundle, m[1]!, m[2]!) : t('results.respondents');
        rates.push({
          label: `${who} / ${datum.label}`,
          n: res.numerator ?? 0,
          of: datum.value,
          pct: res.rounded ?? null,
          source: datum.source,
        });
      }
  return (
    <div className="respondents">
      <p className="big-figure">
        <span data-testid="respondents-total">{formatNumber(results.respondents.total, i18n.language)}</span>{' '}
        <span className="big-figure-label">
          {t('results.respondentsComplete', { count: results.respondents.total })}
        </span>
      </p>
      <div className="segments">
        {Object.entries(results.respondents.segments).map(([seg, groups]) => (
          <div key={seg} className="segment-box" data-testid={`segment-${seg}`}>
            <h3>{bundle.segments.find((s) => s.code === seg)?.label ?? seg}</h3>
            <ul>
              {Object.entries(groups).map(([g, n]) => (
                <li key={g}>
                  <span>{groupLabel(bundle, seg, g)}</span> <strong>{formatNumber(n, i18n.language)}</strong>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
      {rates.map((rate) => (
        <p key={rate.label} className="rate" data-testid="response-rate">
          {t('results.responseRate', {
            pct: rate.pct == null ? '—' : formatNumber(rate.pct, i18n.language),
            n: formatNumber(rate.n, i18n.language),
            of: formatNumber(rate.of, i18n.language),
            label: rate.label,
          })}
          {rate.source && <span className="ui-muted"> ({t('results.source', { source: rate.source })})</span>}
        </p>
      ))}
    </div>
  );
}

function nOfN(f: Figure | undefined, lang: string): string {
  if (!f) return '';
  if (f.numerator != null && f.denominator != null)
    return `${formatNumber(f.numerator, lang)}/${formatNumber(f.denominator, lang)}`;
  if (f.denominator != null) return `n = ${formatNumber(f.denominator, lang)}`;
  return '';
}

function valueText(ind: Indicator, f: Figure | undefined, lang: string): string {
  if (!f || f.value == null) return '—';
  const decimals = ind.decimals ?? 0;
  const unit = ind.unit;
  if (ind.kind === 'percent') return percentText(f, lang, decimals);
  const n = formatNumber(f.rounded ?? f.value, lang, decimals);
  return unit ? `${n}\u202f${unit}` : n;
}

function SmallSample(props: { f?: Figure; threshold: number }) {
  const { t } = useTranslation();
  if (!props.f?.smallSample) return null;
  return (
    <Badge tone="warn" title={t('results.smallSampleHelp', { threshold: props.threshold })}>
      <span aria-hidden="true">⚠ </span>
      {t('results.smallSample')}
    </Badge>
  );
}

function Ci(props: { f?: Figure; lang: string }) {
  const [lo, hi] = props.f?.ci95 ?? [];
  if (lo === undefined || hi === undefined) return null;
  return (
    <span className="ci">
      [{formatFixed(lo, props.lang, 1)} ; {formatFixed(hi, props.lang, 1)}]
    </span>
  );
}

function IndicatorView(props: {
  bundle: FrameworkForResults;
  indicator: Indicator;
  result?: IndicatorResult;
  showCi: boolean;
  threshold: number;
}) {
  const { t, i18n } = useTranslation();
  const { bundle, indicator: ind, result: res, showCi, threshold } = props;
  const lang = i18n.language;
  if (!res) {
    return (
      <article className="indicator" data-testid={`indicator-${ind.code}`}>
        <h3 className="indicator-title">
          <span className="tree-code">{ind.code}</span> {ind.title}
        </h3>
        <p className="ui-muted">{t('results.notComputed')}</p>
      </article>
    );
  }
  // The same sentence as the workbook's (shared code); French, as the report is. The engine's own types say
  // every figure has a `value`; a distribution's has none (the contract says so): statementSentence reads
  // only `rounded`, which it checks.
  const sentence = statementSentence(bundle as unknown as Bundle, ind, res as SharedIndicatorResult);
  const breakdown = Object.entries(res.breakdown ?? {});
  const pop = ind.population;
  const isPercentLike = ind.kind === 'percent';
  const internal = ind.kind === 'internal' ? bundle.internalData.find((d) => d.code === ind.internal) : undefined;

  return (
    <article className="indicator" data-testid={`indicator-${ind.code}`}>
      <h3 className="indicator-title">
        <span className="tree-code">{ind.code}</span> {ind.title} <Badge tone="muted">{t(`kinds.${ind.kind}`)}</Badge>
      </h3>
      {pop && (
        <p className="ui-muted small">
          {t('results.population', { group: groupLabel(bundle, pop.segment, pop.group) })}
        </p>
      )}
      {ind.kind !== 'distribution' && (
        <p className="indicator-main">
          <span className="indicator-value" data-testid={`value-${ind.code}`}>
            {valueText(ind, res, lang)}
          </span>{' '}
          <span className="nofn" data-testid={`nofn-${ind.code}`}>
            {nOfN(res, lang)}
          </span>{' '}
          <SmallSample f={res} threshold={threshold} /> {showCi && <Ci f={res} lang={lang} />}
        </p>
      )}
      {internal && (
        <p className="ui-muted small">
          {internal.label}
          {internal.period ? ` · ${t('results.period', { period: internal.period })}` : ''}
          {' · '}
          {internal.source ? t('results.source', { source: internal.source }) : t('results.noSource')}
        </p>
      )}
      {sentence && (
        <blockquote className="sentence" data-testid={`sentence-${ind.code}`}>
          {sentence}
        </blockquote>
      )}
      {ind.kind === 'distribution' && <Distribution bundle={bundle} indicator={ind} result={res} />}
      {breakdown.map(([seg, groups]) => {
        const entries = Object.entries(groups);
        const segLabel = bundle.segments.find((s) => s.code === seg)?.label ?? seg;
        return (
          <div key={seg} className="breakdown">
            <div className="ui-scroll">
              <table className="ui-table breakdown-table">
                <caption className="visually-hidden">{t('results.bySegment', { segment: segLabel })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{segLabel}</th>
                    <th scope="col">{t('results.value')}</th>
                    <th scope="col">{t('results.nOfN')}</th>
                    {showCi && <th scope="col">{t('results.ci')}</th>}
                  </tr>
                </thead>
                <tbody>
                  <tr className="overall-row">
                    <th scope="row">{t('results.overall')}</th>
                    <td>{valueText(ind, res, lang)}</td>
                    <td>{nOfN(res, lang)}</td>
                    {showCi && (
                      <td>
                        <Ci f={res} lang={lang} />
                      </td>
                    )}
                  </tr>
                  {entries.map(([g, f]) => (
                    <tr key={g} data-testid={`breakdown-${ind.code}-${seg}-${g}`}>
                      <th scope="row">{groupLabel(bundle, seg, g)}</th>
                      <td>
                        {valueText(ind, f, lang)} <SmallSample f={f} threshold={threshold} />
                      </td>
                      <td>{nOfN(f, lang)}</td>
                      {showCi && (
                        <td>
                          <Ci f={f} lang={lang} />
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {ind.kind !== 'distribution' && (
              <GroupBars
                labels={[t('results.overall'), ...entries.map(([g]) => groupLabel(bundle, seg, g))]}
                values={[res.value, ...entries.map(([, f]) => f.value)].map((v) =>
                  v == null ? null : Math.round(v * 10) / 10,
                )}
                max={isPercentLike ? 100 : undefined}
                unit={isPercentLike ? '%' : ind.unit}
                ariaLabel={t('results.chartLabel', { title: ind.title })}
              />
            )}
          </div>
        );
      })}
    </article>
  );
}

function Distribution(props: { bundle: FrameworkForResults; indicator: Indicator; result: IndicatorResult }) {
  const { t, i18n } = useTranslation();
  const labels = choiceLabels(
    props.bundle.questionnaire,
    String((props.indicator as { question?: string }).question ?? ''),
  );
  const choices = props.result.choices ?? [];
  return (
    <div className="distribution">
      <p className="ui-muted small">
        {t('results.distributionBase', { n: formatNumber(props.result.denominator ?? 0, i18n.language) })}
      </p>
      <div className="ui-scroll">
        <table className="ui-table">
          <thead>
            <tr>
              <th scope="col">{t('results.choice')}</th>
              <th scope="col">{t('results.count')}</th>
              <th scope="col">%</th>
            </tr>
          </thead>
          <tbody>
            {choices.map((c) => (
              <tr key={String(c.value)}>
                <th scope="row">{labels.get(String(c.value)) ?? String(c.value)}</th>
                <td>{formatNumber(c.count, i18n.language)}</td>
                <td>{c.rounded == null ? '—' : `${formatNumber(c.rounded, i18n.language)}\u202f%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <GroupBars
        labels={choices.map((c) => labels.get(String(c.value)) ?? String(c.value))}
        values={choices.map((c) => (c.percent == null ? null : Math.round(c.percent * 10) / 10))}
        max={100}
        unit="%"
        ariaLabel={t('results.chartLabel', { title: props.indicator.title })}
      />
    </div>
  );
}
