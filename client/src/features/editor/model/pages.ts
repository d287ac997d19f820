import type { Indicator } from '@trame/shared';
import type { Draft } from '../hooks/useDesign';
import { reads } from './indicators';
import type { Json } from './questions';

/** A question's place: page index, element index. */
export type Pos = { p: number; q: number };

/** The draft's pages, created if missing, each with an element list (for changing them in place). */
export function pagesMut(d: Draft): { name?: string; title?: string; elements: Json[] }[] {
  if (!Array.isArray(d.questionnaire.pages)) d.questionnaire.pages = [];
  const pages = d.questionnaire.pages as { name?: string; title?: string; elements?: Json[] }[];
  for (const p of pages) p.elements ??= [];
  return pages as { name?: string; title?: string; elements: Json[] }[];
}

/** The indicators that read a question (or one of its matrix rows). */
export function indicatorsReading(d: Draft, name: string): Indicator[] {
  return d.framework.dimensions.flatMap((x) => x.criteria.flatMap((c) => c.indicators)).filter((i) => reads(i, name));
}
