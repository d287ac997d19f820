import type { TFunction } from 'i18next';
import type { Draft } from '../hooks/useDesign';

/**
 * A validator path in words a working group reads ("Indicateur I03 › question") and, for an indicator,
 * its code so that the list can open it. Unknown shapes are shown as they are.
 */
export function describePath(d: Draft, path: string, t: TFunction): { label: string; indicator?: string } {
  const m = /^framework\.dimensions\[(\d+)\](?:\.criteria\[(\d+)\](?:\.indicators\[(\d+)\])?)?\.?(.*)$/.exec(path);
  if (m) {
    const dim = d.framework.dimensions[Number(m[1])];
    const crit = m[2] !== undefined ? dim?.criteria[Number(m[2])] : undefined;
    const ind = m[3] !== undefined ? crit?.indicators[Number(m[3])] : undefined;
    const field = m[4] ? ` › ${m[4]}` : '';
    if (ind) return { label: `${t('editor.path.indicator', { code: ind.code })}${field}`, indicator: ind.code };
    if (crit) return { label: `${t('editor.path.criterion', { code: crit.code })}${field}` };
    if (dim) return { label: `${t('editor.path.dimension', { code: dim.code })}${field}` };
  }
  const s = /^segments\[(\d+)\]\.?(.*)$/.exec(path);
  if (s) {
    const seg = d.segments[Number(s[1])];
    if (seg)
      return { label: `${t('editor.path.segment', { name: seg.label ?? seg.code })}${s[2] ? ` › ${s[2]}` : ''}` };
  }
  return { label: path || '—' };
}

/** The validator path of an indicator, from its code. */
export function indicatorPath(d: Draft, code: string): string | null {
  for (const [di, dim] of d.framework.dimensions.entries())
    for (const [ci, c] of dim.criteria.entries())
      for (const [ii, ind] of c.indicators.entries())
        if (ind.code === code) return `framework.dimensions[${di}].criteria[${ci}].indicators[${ii}]`;
  return null;
}
