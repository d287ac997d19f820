import { useEffect, useMemo, useRef } from 'react';
import { createSurveyModel, type Model, type SurveyJson } from '../../../lib/survey';

export interface SurveyCallbacks {
  onPageChanged: (data: Record<string, unknown>, pageNo: number) => void;
  onValueChanged: (data: Record<string, unknown>, pageNo: number) => void;
  onComplete: (data: Record<string, unknown>) => void;
}

// A model built ahead of time (while the person reads the privacy notice), taken once by the hook.
const prepared = new Map<SurveyJson, Model>();

function buildModel(json: SurveyJson, locale: string): Model {
  const m = createSurveyModel(json, locale);
  m.showProgressBar = true;
  m.progressBarLocation = 'aboveHeader';
  m.progressBarType = 'pages';
  m.showCompletedPage = false;
  m.autoFocusFirstQuestion = true;
  m.showTitle = false;
  return m;
}

/** Builds the model for `json` in advance; building it for the Coop'Art questionnaire takes a few hundred ms on a phone. */
export function prepareSurveyModel(json: SurveyJson, locale = 'fr'): void {
  if (!prepared.has(json)) prepared.set(json, buildModel(json, locale));
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
