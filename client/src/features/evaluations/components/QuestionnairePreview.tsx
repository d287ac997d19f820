import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Survey } from 'survey-react-ui';
import { Alert } from '../../../components/ui/ui';
import { createSurveyModel } from '../../../lib/survey';

/** The questionnaire exactly as respondents see it (same SurveyJS setup), answers not saved. */
export default function QuestionnairePreview(props: { questionnaire: Record<string, unknown> }) {
  const { t, i18n } = useTranslation();
  const model = useMemo(() => {
    const m = createSurveyModel(props.questionnaire, i18n.language);
    m.showProgressBar = true;
    m.progressBarLocation = 'aboveHeader';
    m.progressBarType = 'pages';
    m.showCompletedPage = true;
    m.completedHtml = `<p>${t('preview.done')}</p>`;
    return m;
  }, [props.questionnaire, i18n.language, t]);
  return (
    <div data-testid="questionnaire-preview">
      <Alert>{t('preview.note')}</Alert>
      <Survey model={model} />
    </div>
  );
}
