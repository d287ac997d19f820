import type { Indicator } from '@trame/shared';
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
