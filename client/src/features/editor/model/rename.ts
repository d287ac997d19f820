import type { Draft } from '../hooks/useDesign';
import { renameInExpression } from './conditions';
import type { Json } from './questions';

/**
 * Renames a question everywhere the design names it: indicators (`question`, `where`, `positiveIf`),
 * segments, and the conditions of the questionnaire, so that a new code never breaks a reference.
 */
export function renameQuestion(d: Draft, old: string, next: string): void {
  const fixRef = (r: string) => (r === old ? next : r.startsWith(`${old}.`) ? next + r.slice(old.length) : r);
  for (const dim of d.framework.dimensions)
    for (const c of dim.criteria)
      for (const ind of c.indicators) {
        const rec = ind as unknown as Json;
        if (typeof rec.question === 'string') rec.question = fixRef(rec.question);
        for (const k of ['where', 'positiveIf'])
          if (typeof rec[k] === 'string') rec[k] = renameInExpression(rec[k], old, next);
      }
  for (const s of d.segments) s.question = fixRef(s.question);
  const walk = (els: unknown) => {
    if (!Array.isArray(els)) return;
    for (const el of els as Json[]) {
      for (const k of ['visibleIf', 'enableIf', 'requiredIf'])
        if (typeof el[k] === 'string') el[k] = renameInExpression(el[k], old, next);
      walk(el.elements);
    }
  };
  const pages = d.questionnaire.pages;
  if (Array.isArray(pages))
    for (const p of pages as Json[]) {
      if (typeof p.visibleIf === 'string') p.visibleIf = renameInExpression(p.visibleIf, old, next);
      walk(p.elements);
    }
}
