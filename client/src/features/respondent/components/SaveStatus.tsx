import { useT } from '../../../lib/i18n-lite';
import { submissionQueue } from '../api/submissionQueue';
import { useQueueState } from '../hooks/useSubmissionQueue';

/** One short line telling where the answers are: sent, being sent, or kept on this device. */
export function SaveStatus(props: { hasPending: boolean }) {
  const { t } = useT();
  const state = useQueueState();
  let text: string;
  let tone = 'ok';
  switch (state.kind) {
    case 'sending':
      text = t('respondent.save.sending');
      break;
    case 'waiting':
      text = t('respondent.save.offline');
      tone = 'warn';
      break;
    case 'failed':
      text = t('respondent.save.failed');
      tone = 'warn';
      break;
    case 'idle':
      text = props.hasPending
        ? t('respondent.save.local')
        : submissionQueue().lastAckAt
          ? t('respondent.save.saved')
          : t('respondent.save.auto');
      break;
  }
  return (
    <p className={`r-save r-save--${tone}`} role="status" aria-live="polite" data-testid="save-status">
      {text}
    </p>
  );
}
