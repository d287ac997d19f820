/** The questionnaire itself (SurveyJS), loaded in parallel with the privacy notice. */
import { useEffect, useMemo } from 'react';
import { Survey } from 'survey-react-ui';
import type { PublicCampaign, SubmissionBody } from '../../../lib/api/schema';
import { useT } from '../../../lib/i18n-lite';
import type { SurveyJson } from '../../../lib/survey';
import { resumeUrl, type LocalProgress } from '../api/localProgress';
import { submissionQueue } from '../api/submissionQueue';
import { useQueueState } from '../hooks/useSubmissionQueue';
import { usePageHistory, usePagePosition, useSurveyModel } from '../hooks/useSurveyModel';
import { ResumeLater } from './ResumeLater';
import { SaveStatus } from './SaveStatus';

export default function SurveyScreen(props: {
  campaign: PublicCampaign;
  slug: string;
  progress: LocalProgress;
  resumeFailed: boolean;
  refusal: { status: number; message: string } | null;
  update: (patch: Partial<LocalProgress>, send?: SubmissionBody['status']) => void;
}) {
  const { t, lang } = useT();
  const { campaign, slug, progress, update } = props;
  const json = campaign.questionnaire as SurveyJson;
  const initial = useMemo(() => ({ data: progress.data, pageNo: progress.pageNo }), [progress.id]); // eslint-disable-line react-hooks/exhaustive-deps
  const model = useSurveyModel(
    json,
    progress.id,
    initial,
    {
      onPageChanged: (data, pageNo) => update({ data, pageNo }, 'partial'),
      onValueChanged: (data, pageNo) => update({ data, pageNo }),
      onComplete: (data) => update({ data, completed: true }, 'complete'),
    },
    lang,
  );
  usePageHistory(model);
  // The questionnaire is on screen (read by test/bench/client.bench.mjs).
  useEffect(() => void performance.mark('trame:survey-rendered'), []);
  const position = usePagePosition(model);
  useQueueState();
  const pending = submissionQueue().pending(slug, progress.id).length > 0;
  return (
    <main className="r-shell r-shell--survey">
      <header className="r-header">
        {campaign.organisation && <p className="r-eyebrow">{campaign.organisation}</p>}
        <h1 className="r-title">{campaign.title}</h1>
        <div className="r-header-row">
          <SaveStatus hasPending={pending} refused={props.refusal !== null} />
          <ResumeLater
            url={resumeUrl(slug, progress.id, progress.token)}
            onOpen={() =>
              update({ data: model.data as Record<string, unknown>, pageNo: model.currentPageNo }, 'partial')
            }
          />
        </div>
        {props.resumeFailed && (
          <p className="r-notice" role="alert">
            {t('respondent.resume.notFound')}
          </p>
        )}
        {props.refusal && (
          <p className="r-notice" role="alert">
            {props.refusal.message}
          </p>
        )}
      </header>
      {position.count > 1 && (
        <div className="r-progress" data-testid="page-position">
          <p className="r-progress-text">{position.text}</p>
          <div className="r-progress-bar" aria-hidden="true">
            <span style={{ width: `${(100 * position.page) / position.count}%` }} />
          </div>
        </div>
      )}
      <div className="r-survey">
        <Survey model={model} />
      </div>
    </main>
  );
}
