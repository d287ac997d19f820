import type { Indicator, QuestionInfo } from '@trame/shared';
import { looksLikeDontKnow } from './codes';
import { namesIn } from './conditions';

/** The questions an indicator reads: its question, and those its conditions name. */
export function questionsOf(ind: Indicator): string[] {
  const names = new Set<string>();
  const rec = ind as Record<string, unknown>;
  if (typeof rec.question === 'string' && rec.question) names.add(rec.question);
  for (const key of ['positiveIf', 'where'] as const) {
    const expr = rec[key];
    if (typeof expr === 'string') for (const n of namesIn(expr)) names.add(n);
  }
  return [...names];
}

/** Whether an indicator reads a question (or one of its matrix rows). */
export function reads(ind: Indicator, question: string): boolean {
  return questionsOf(ind).some((q) => q === question || q.startsWith(`${question}.`));
}

/**
 * A first indicator for a question, to be refined in the form: a percentage of the "yes" side for a
 * single choice or a yes/no question ("Je ne sais pas"-like answers left out), a mean for a number or a
 * rating, a distribution for a multiple choice; a matrix's first row.
 */
export function indicatorFor(q: QuestionInfo, code: string): Indicator {
  const numeric = q.shape === 'number' || q.shape === 'rating';
  const ref = q.shape === 'matrix' && q.rows?.[0] ? `${q.name}.${String(q.rows[0].value)}` : q.name;
  const choices = q.choices ?? [];
  const exclude = choices.filter((c) => looksLikeDontKnow(c.value, c.text)).map((c) => c.value);
  const positive =
    q.shape === 'boolean'
      ? [q.booleanValues?.true ?? true]
      : choices.filter((c) => /^(oui|tout_a_fait|plutot_d_accord)/.test(String(c.value))).map((c) => c.value);
  const kind = numeric ? 'mean' : q.shape === 'multiple' ? 'distribution' : 'percent';
  return {
    code,
    title: q.title,
    kind,
    question: ref,
    ...(kind === 'percent' && positive.length ? { positive } : {}),
    ...(!numeric && exclude.length ? { exclude } : {}),
  };
}
