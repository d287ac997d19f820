/** Labels and the report sentence, from the bundle (the figures themselves come from the server). */
import type { Figure, Segment } from '../../../lib/api/schema';
import { formatNumber } from '../../../lib/format';

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

export function groupLabel(bundle: { segments: Segment[] }, segment: string, group: string): string {
  return bundle.segments.find((s) => s.code === segment)?.groups.find((g) => g.code === group)?.label ?? group;
}

export function percentText(fig: Figure | undefined, lang: string, decimals = 0): string {
  if (!fig || fig.rounded == null) return '—';
  return `${formatNumber(fig.rounded, lang, decimals)}\u202f%`;
}
