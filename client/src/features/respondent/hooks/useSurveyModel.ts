import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { createSurveyModel, type Model, type SurveyJson } from '../../../lib/survey';

export interface SurveyCallbacks {
  onPageChanged: (data: Record<string, unknown>, pageNo: number) => void;
  onValueChanged: (data: Record<string, unknown>, pageNo: number) => void;
  onComplete: (data: Record<string, unknown>) => void;
}

// A model built ahead of time (while the person reads the privacy notice), taken once by the hook.
const prepared = new Map<SurveyJson, Model>();
// Questionnaires whose model a screen already built: preparing one then would only waste the time.
const taken = new WeakSet<SurveyJson>();

function buildModel(json: SurveyJson, locale: string): Model {
  const start = performance.now();
  const m = createSurveyModel(json, locale);
  // SurveyJS's step bar showed 3 of 5 steps on a 390 px phone, the current one off-screen: SurveyScreen
  // shows "Page 2 sur 5" and a thin bar instead (usePagePosition).
  m.showProgressBar = false;
  m.progressBarType = 'pages';
  m.showCompletedPage = false;
  m.autoFocusFirstQuestion = true;
  m.showTitle = false;
  performance.measure('trame:model', { start }); // read by test/bench/client.bench.mjs
  return m;
}

/** Builds the model for `json` in advance; building it for the Coop'Art questionnaire takes a few hundred ms on a phone. */
export function prepareSurveyModel(json: SurveyJson, locale = 'fr'): void {
  if (!prepared.has(json) && !taken.has(json)) prepared.set(json, buildModel(json, locale));
}

/**
 * The SurveyJS model for one questionnaire, created once per (json, response id) and restored to the
 * saved answers and page. Callbacks are read through a ref so that re-renders never rebuild the model.
 */
export function useSurveyModel(
  json: SurveyJson,
  responseId: string,
  initial: { data: Record<string, unknown>; pageNo: number },
  callbacks: SurveyCallbacks,
  locale = 'fr',
): Model {
  const cb = useRef(callbacks);
  cb.current = callbacks;
  const model = useMemo(() => {
    const ready = prepared.get(json);
    prepared.delete(json);
    taken.add(json);
    const m = ready && ready.locale === locale ? ready : buildModel(json, locale);
    m.data = initial.data;
    const last = m.visiblePageCount - 1;
    if (initial.pageNo > 0) m.currentPageNo = Math.min(initial.pageNo, Math.max(0, last));
    return m;
    // The initial answers matter only when the model is created.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [json, responseId, locale]);

  useEffect(() => {
    const page = () => cb.current.onPageChanged(model.data as Record<string, unknown>, model.currentPageNo);
    const value = () => cb.current.onValueChanged(model.data as Record<string, unknown>, model.currentPageNo);
    const complete = () => cb.current.onComplete(model.data as Record<string, unknown>);
    model.onCurrentPageChanged.add(page);
    model.onValueChanged.add(value);
    model.onComplete.add(complete);
    return () => {
      model.onCurrentPageChanged.remove(page);
      model.onValueChanged.remove(value);
      model.onComplete.remove(complete);
    };
  }, [model]);
  return model;
}

/** The current page and the number of visible pages, re-rendered when either changes. */
export function usePagePosition(model: Model): { page: number; count: number; text: string } {
  const key = useSyncExternalStore(
    (notify) => {
      model.onCurrentPageChanged.add(notify);
      model.onVisibleChanged.add(notify);
      model.onComplete.add(notify);
      return () => {
        model.onCurrentPageChanged.remove(notify);
        model.onVisibleChanged.remove(notify);
        model.onComplete.remove(notify);
      };
    },
    () => `${model.currentPageNo}/${model.visiblePageCount}`,
  );
  const [page = 0, count = 0] = key.split('/').map(Number);
  // SurveyJS's own, translated "Page {0} sur {1}".
  return { page: page + 1, count, text: model.progressText };
}

/**
 * The phone's back button goes to the previous page of the questionnaire: each page moved forward to
 * adds a history entry, and going back through history goes back a page. Going back from the first
 * page leaves as it would anywhere else.
 */
export function usePageHistory(model: Model): void {
  useEffect(() => {
    const mark = (page: number) => ({ ...(history.state as object | null), trPage: page });
    history.replaceState(mark(model.currentPageNo), '');
    let fromHistory = false;
    let shown = model.currentPageNo;
    const changed = () => {
      const now = model.currentPageNo;
      if (!fromHistory && model.state !== 'completed') {
        if (now > shown) history.pushState(mark(now), '');
        else history.replaceState(mark(now), '');
      }
      shown = now;
    };
    const popped = (e: PopStateEvent) => {
      const target = (e.state as { trPage?: unknown } | null)?.trPage;
      if (typeof target !== 'number' || model.state === 'completed' || target === model.currentPageNo) return;
      fromHistory = true;
      try {
        if (target < model.currentPageNo) model.currentPageNo = Math.max(0, target);
        // Forward again: only through the page's own checks, as with "Suivant".
        else if (!model.nextPage()) history.back();
      } finally {
        fromHistory = false;
      }
    };
    model.onCurrentPageChanged.add(changed);
    window.addEventListener('popstate', popped);
    return () => {
      model.onCurrentPageChanged.remove(changed);
      window.removeEventListener('popstate', popped);
    };
  }, [model]);
}

/** On another device the page is not known: reopen on the last page that holds an answer. */
export function lastAnsweredPage(json: SurveyJson, data: Record<string, unknown>): number {
  const m = createSurveyModel(json);
  m.data = data;
  let last = 0;
  m.visiblePages.forEach((p, i) => {
    if (p.questions.some((q) => !q.isEmpty())) last = i;
  });
  return last;
}
