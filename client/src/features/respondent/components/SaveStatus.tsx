import { useT } from '../../../lib/i18n-lite';
import { submissionQueue } from '../api/submissionQueue';
import { useQueueState } from '../hooks/useSubmissionQueue';

/**
 * One short line telling where the answers are: sent, being sent, or kept on this device. While the
 * server refuses the last save (`refused`: the refusal itself is shown beside it), it never says
 * "saved": an earlier acknowledgement does not cover the answers given since.
 */
export function SaveStatus(props: { hasPending: boolean; refused?: boolean }) {
  const { t } = useT();
  const state = useQueueState();
  let text: string;
  let tone = 'ok';
  if (props.refused && state.kind !== 'sending') {
    return (
      <p className="r-save r-save--warn" role="status" aria-live="polite" data-testid="save-status">
        {t('respondent.save.refused')}
      </p>
    );
  }
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
