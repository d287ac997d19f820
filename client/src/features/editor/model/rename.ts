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

/**
 * Renames an answer code of a question wherever the design names it: indicators reading the question
 * (`positive`, `exclude`, `choices`), segment groups, and conditions comparing the question with it.
 */
export function renameChoice(d: Draft, question: string, old: string, next: string): void {
  const swap = <T>(list: T[]): T[] => list.map((v) => (String(v) === old ? (next as T) : v));
  for (const dim of d.framework.dimensions)
    for (const c of dim.criteria)
      for (const ind of c.indicators) {
        const rec = ind as unknown as Json;
        const q = typeof rec.question === 'string' ? rec.question : '';
        if (q === question || q.startsWith(`${question}.`))
          for (const k of ['positive', 'exclude', 'choices'])
            if (Array.isArray(rec[k])) rec[k] = swap(rec[k] as unknown[]);
        for (const k of ['where', 'positiveIf'])
          if (typeof rec[k] === 'string') rec[k] = renameLiteral(rec[k], question, old, next);
      }
  for (const s of d.segments) if (s.question === question) for (const g of s.groups) g.values = swap(g.values);
  const walk = (els: unknown) => {
    if (!Array.isArray(els)) return;
    for (const el of els as Json[]) {
      if (typeof el.visibleIf === 'string') el.visibleIf = renameLiteral(el.visibleIf, question, old, next);
      walk(el.elements);
    }
  };
  const pages = d.questionnaire.pages;
  if (Array.isArray(pages)) for (const p of pages as Json[]) walk(p.elements);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `{q} = 'old'` (and <>, contains, notcontains, anyof lists) → the same with `'next'`. */
function renameLiteral(expr: string, question: string, old: string, next: string): string {
  const re = new RegExp(
    `(\\{${escape(question)}\\}\\s*(?:=|<>|!=|contains|notcontains|anyof|allof|noneof)\\s*\\[?[^{}]*?)(['"])${escape(old)}\\2`,
    'g',
  );
  let out = expr;
  // Repeated: an anyof list may name the old code after other codes.
  for (let i = 0; i < 5; i++) {
    const replaced = out.replace(re, (_m, head: string, q: string) => `${head}${q}${next}${q}`);
    if (replaced === out) break;
    out = replaced;
  }
  return out;
}
