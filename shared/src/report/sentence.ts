import type { Bundle, Indicator } from '../bundle/schema.js';
import type { Figure, IndicatorResult } from '../types.js';

/** French display of a number: decimal comma, spaces between thousands ("37 000", "61,5"). */
export function formatNumberFr(value: number, decimals = 0): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const [int = '0', frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${value < 0 ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

function groupLabel(bundle: Bundle, segment: string, group: string): string {
  const seg = bundle.segments.find((s) => s.code === segment);
  return seg?.groups.find((g) => g.code === group)?.label ?? group;
}

/**
 * The sentence a study quotes for an indicator, built from its `statement`: "61 % des associé·es (et 73 %
 * des non-associé·es) estiment que Coop'Art renforce leur activité". Null when there is nothing to say
 * (no statement, or no value).
 */
export function statementSentence(bundle: Bundle, indicator: Indicator, result: IndicatorResult): string | null {
  const statement = indicator.statement?.trim();
  if (!statement) return null;
  const decimals = indicator.decimals ?? 0;
  const pct = (f: Figure) =>
    f.rounded === null || f.rounded === undefined ? null : `${formatNumberFr(f.rounded, decimals)} %`;
  switch (indicator.kind) {
    case 'percent': {
      const firstSegment = indicator.breakdown?.[0];
      const groups = firstSegment ? result.breakdown?.[firstSegment] : undefined;
      if (firstSegment && groups) {
        const parts = Object.entries(groups)
          .map(([code, f]) => ({ text: pct(f), label: groupLabel(bundle, firstSegment, code) }))
          .filter((p) => p.text !== null);
        if (parts.length > 0) {
          const [head, ...rest] = parts;
          const others = rest.length ? ` (et ${rest.map((p) => `${p.text} des ${p.label}`).join(', ')})` : '';
          return `${head!.text} des ${head!.label}${others} ${statement}`;
        }
      }
      const main = pct(result);
      if (main === null) return null;
      const who = indicator.population
        ? groupLabel(bundle, indicator.population.segment, indicator.population.group)
        : 'répondant·es';
      return `${main} des ${who} ${statement}`;
    }
    case 'count':
      return result.rounded === null || result.rounded === undefined
        ? null
        : `${formatNumberFr(result.rounded, 0)} répondant·es ${statement}`;
    default: {
      if (result.rounded === null || result.rounded === undefined) return null;
      const unit = indicator.unit ? ` ${indicator.unit}` : '';
      return `${formatNumberFr(result.rounded, decimals)}${unit} : ${statement}`;
    }
  }
}
