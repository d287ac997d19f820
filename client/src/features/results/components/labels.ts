/** Labels and the report sentence, from the bundle (the figures themselves come from the server). */
import type { Bundle, Figure, IndicatorResult } from '../../../lib/api/types';
import { formatNumber } from '../../../lib/format';

type Indicator = Bundle['framework']['dimensions'][number]['criteria'][number]['indicators'][number];
type El = { name?: string; elements?: El[]; choices?: ({ value: unknown; text?: string } | string | number)[] };

export function choiceLabels(questionnaire: Record<string, unknown>, question: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (els: El[] | undefined) => {
    for (const el of els ?? []) {
      if (el.elements) walk(el.elements);
      if (el.name === question)
        for (const c of el.choices ?? []) {
          if (typeof c === 'object') out.set(String(c.value), c.text ?? String(c.value));
          else out.set(String(c), String(c));
        }
    }
  };
  for (const p of (questionnaire.pages as El[] | undefined) ?? []) walk(p.elements);
  walk(questionnaire.elements as El[] | undefined);
  return out;
}

export function groupLabel(bundle: Pick<Bundle, 'segments'>, segment: string, group: string): string {
  return bundle.segments.find((s) => s.code === segment)?.groups.find((g) => g.code === group)?.label ?? group;
}

export function percentText(fig: Figure | undefined, lang: string, decimals = 0): string {
  if (!fig || fig.rounded == null) return '—';
  return `${formatNumber(fig.rounded, lang, decimals)}\u202f%`;
}

/**
 * "61 % des associé·es (et 73 % des non-associé·es) estiment que Coop'Art renforce leur activité".
 * Uses the first breakdown segment when every group has a value, else the overall figure.
 */
export function statementSentence(
  bundle: Pick<Bundle, 'segments'>,
  indicator: Indicator,
  result: IndicatorResult,
  lang: string,
  everyone: string,
): string | null {
  const statement = (indicator as { statement?: string }).statement;
  if (!statement || indicator.kind !== 'percent' || result.rounded == null) return null;
  const decimals = (indicator as { decimals?: number }).decimals ?? 0;
  const pop = (indicator as { population?: { segment: string; group: string } }).population;
  const who = (label: string) => `des ${label}`;
  const firstSeg = result.breakdown ? Object.keys(result.breakdown)[0] : undefined;
  if (firstSeg && result.breakdown) {
    const groups = Object.entries(result.breakdown[firstSeg] ?? {}).filter(([, f]) => f.rounded != null);
    if (groups.length >= 2) {
      const parts = groups.map(([g, f]) => `${percentText(f, lang, decimals)} ${who(groupLabel(bundle, firstSeg, g))}`);
      return `${parts[0]} (et ${parts.slice(1).join(', ')}) ${statement}`;
    }
  }
  const base = pop ? groupLabel(bundle, pop.segment, pop.group) : everyone;
  return `${percentText(result, lang, decimals)} ${who(base)} ${statement}`;
}
