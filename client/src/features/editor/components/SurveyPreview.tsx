import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Survey } from 'survey-react-ui';
import { Alert } from '../../../components/ui/ui';
import { createSurveyModel } from '../../../lib/survey';

/** The questionnaire as respondents see it (the respondent page's SurveyJS setup); answers not saved. */
export function SurveyPreview(props: { questionnaire: Record<string, unknown>; page: number; question?: string }) {
  const { t, i18n } = useTranslation();
  // Typing in the editor must not rebuild the survey at every keystroke.
  const json = useDeferredValue(props.questionnaire);
  const model = useMemo(() => {
    const m = createSurveyModel(json, i18n.language);
    // As the respondent page sets it: no step bar (it overflowed a phone), no survey title.
    m.showProgressBar = false;
    m.showTitle = false;
    m.showCompletedPage = true;
    m.completedHtml = `<p>${t('preview.done')}</p>`;
    return m;
  }, [json, i18n.language, t]);
  const [pageNo, setPageNo] = useState(0);
  // Whether the question being edited is hidden by its condition, as the preview's answers stand.
  const [hidden, setHidden] = useState<string | null>(null);
  useEffect(() => {
    const check = () => {
      const q = props.question ? model.getQuestionByName(props.question) : null;
      setHidden(q && !q.isVisible ? q.title : null);
    };
    check();
    model.onValueChanged.add(check);
    return () => model.onValueChanged.remove(check);
  }, [model, props.question]);
  useEffect(() => {
    if (props.page >= 0 && props.page < model.visiblePageCount) model.currentPageNo = props.page;
    setPageNo(model.currentPageNo);
    const follow = () => setPageNo(model.currentPageNo);
    model.onCurrentPageChanged.add(follow);
    return () => model.onCurrentPageChanged.remove(follow);
  }, [model, props.page]);
  return (
    <div data-testid="questionnaire-preview" className="survey-preview" id="questionnaire-preview" tabIndex={-1}>
      <h2 className="preview-title">{t('editor.questionnaire.previewTitle')}</h2>
      <Alert>{t('preview.note')}</Alert>
      <p className="ui-muted" aria-live="polite">
        {t('editor.questionnaire.pageOf', { n: pageNo + 1, count: model.visiblePageCount })}
      </p>
      {hidden && (
        <Alert tone="warning" testId="preview-hidden">
          {t('editor.questionnaire.hidden', { title: hidden })}
        </Alert>
      )}
      <Survey model={model} />
    </div>
  );
}
