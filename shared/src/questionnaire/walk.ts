/**
 * The one walk over a SurveyJS questionnaire's JSON: pages, then the survey's own top-level elements, and
 * inside each element the elements it contains (panels), depth first in questionnaire order. The catalogue,
 * the bundle validation and the import's visibility step all read the questionnaire through it, so they
 * agree on where questions are (`elements`, else SurveyJS's older `questions`) and on the depth bound.
 */

type Json = Record<string, unknown>;

/** Deepest panel nesting read (validation refuses deeper questionnaires). */
export const MAX_DEPTH = 32;

export type QuestionnaireNode =
  | {
      kind: 'page';
      page: Json;
      /** `questionnaire.pages[0]`. */
      path: string;
      /** Page name, else `page1`, `page2`… */
      pageName: string;
    }
  | {
      kind: 'element';
      element: Json;
      /** `questionnaire.pages[0].elements[2]`. */
      path: string;
      /** 0 for a page's (or the survey's) own elements, 1 inside a panel… */
      depth: number;
      pageName: string;
      /** The `visibleIf` of the page and panels that contain the element, outermost first, then its own. */
      conditions: string[];
    }
  | { kind: 'tooDeep'; path: string };

const conditionOf = (o: Json): string[] =>
  typeof o['visibleIf'] === 'string' && o['visibleIf'].trim() ? [o['visibleIf']] : [];

/** Where SurveyJS finds a container's elements: `elements`, else `questions`. */
function childrenOf(container: Json, path: string): { list: unknown; path: string } {
  const key = container['elements'] === undefined || container['elements'] === null ? 'questions' : 'elements';
  return { list: container[key], path: `${path ? `${path}.` : ''}${key}` };
}

export function* walkQuestionnaire(questionnaire: unknown, base = 'questionnaire'): Generator<QuestionnaireNode> {
  const survey = (questionnaire && typeof questionnaire === 'object' ? questionnaire : {}) as Json;

  function* elements(
    list: unknown,
    path: string,
    depth: number,
    pageName: string,
    conditions: string[],
  ): Generator<QuestionnaireNode> {
    if (!Array.isArray(list)) return;
    // Panels nest; a hostile document nesting them thousands deep must not overflow the stack.
    if (depth > MAX_DEPTH) {
      yield { kind: 'tooDeep', path };
      return;
    }
    for (let i = 0; i < list.length; i++) {
      const raw: unknown = list[i];
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) continue;
      const element = raw as Json;
      const own = conditionOf(element);
      const cond = own.length ? [...conditions, ...own] : conditions;
      const at = `${path}[${i}]`;
      yield { kind: 'element', element, path: at, depth, pageName, conditions: cond };
      const inner = childrenOf(element, at);
      yield* elements(inner.list, inner.path, depth + 1, pageName, cond);
    }
  }

  if (Array.isArray(survey['pages'])) {
    const pages = survey['pages'] as unknown[];
    for (let i = 0; i < pages.length; i++) {
      const raw = pages[i];
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) continue;
      const page = raw as Json;
      const path = `${base}.pages[${i}]`;
      const pageName = typeof page['name'] === 'string' ? page['name'] : `page${i + 1}`;
      yield { kind: 'page', page, path, pageName };
      const inner = childrenOf(page, path);
      yield* elements(inner.list, inner.path, 0, pageName, conditionOf(page));
    }
  }
  const inner = childrenOf(survey, base);
  yield* elements(inner.list, inner.path, 0, 'page1', []);
}
