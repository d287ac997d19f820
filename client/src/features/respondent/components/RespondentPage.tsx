import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ComponentProps,
  type ComponentType,
} from 'react';
import { useT } from '../../../lib/i18n-lite';
import type { SubmissionBody } from '../../../lib/api/schema';
import { formatDate } from '../../../lib/format';
import { fetchPublicResponse } from '../api/publicApi';
import { loadProgress, newProgress, saveProgress, type LocalProgress } from '../api/localProgress';
import { submissionQueue } from '../api/submissionQueue';
import { usePublicCampaign } from '../hooks/usePublicCampaign';
import { useQueueState } from '../hooks/useSubmissionQueue';
import { PrivacyNotice } from './PrivacyNotice';
import { StatusPage } from './StatusPage';
import './respondent.css';

// SurveyJS (≈ 360 KB gzip) is fetched from the moment this module runs, but the privacy notice does not
// wait for it: on a slow link the person reads the notice while the questionnaire's code arrives.
// Once loaded, it is rendered directly: going through React.lazy/Suspense again would cost React 19's
// ~300 ms throttle on revealing suspended content, right when the person presses "Commencer".
let LoadedSurveyScreen: (typeof import('./SurveyScreen'))['default'] | null = null;
const surveyScreen = import('./SurveyScreen').then((m) => {
  LoadedSurveyScreen = m.default;
  return m;
});
const LazySurveyScreen = lazy(() => surveyScreen);

/** `/s/:slug` (and `?t=TOKEN` for invitations, `?r=ID` to resume on another device). */
export default function RespondentPage(props: { slug: string; search: string; early?: Promise<Response> }) {
  const { slug } = props;
  const params = useMemo(() => new URLSearchParams(props.search), [props.search]);
  const token = params.get('t') ?? params.get('token') ?? undefined;
  const resumeId = params.get('r') ?? undefined;
  const { t, lang } = useT();
  const { load, retry } = usePublicCampaign(slug, props.early);
  const [progress, setProgress] = useState<LocalProgress | null>(null);
  const [resumeFailed, setResumeFailed] = useState(false);
  const [refusal, setRefusal] = useState<{ status: number; message: string } | null>(null);

  const campaign = load.kind === 'ready' ? load.campaign : null;
  useEffect(() => {
    if (campaign) document.title = campaign.title;
  }, [campaign]);

  // Work out which response this browser is filling: the resume link's, the local copy, or a new one.
  useEffect(() => {
    if (!campaign) return;
    const local = loadProgress(slug);
    const adopt = (p: LocalProgress) => {
      if (token && !p.token) p.token = token;
      saveProgress(slug, p);
      setProgress(p);
    };
    if (resumeId && local?.id !== resumeId) {
      const ctrl = new AbortController();
      Promise.all([fetchPublicResponse(slug, resumeId, ctrl.signal, token), surveyScreen]).then(
        ([r, { lastAnsweredPage }]) => {
          const data = r.data ?? {};
          const complete = r.status === 'complete';
          adopt({
            ...newProgress(token),
            id: resumeId,
            data,
            started: true,
            completed: complete,
            acknowledged: complete,
            pageNo: lastAnsweredPage(campaign.questionnaire, data),
          });
        },
        () => {
          if (ctrl.signal.aborted) return;
          setResumeFailed(true);
          adopt(local ?? newProgress(token));
        },
      );
      return () => ctrl.abort();
    }
    adopt(local ?? newProgress(token));
    return undefined;
  }, [campaign, slug, resumeId, token]);

  // Acknowledgements and refusals from the outbox.
  const id = progress?.id;
  useEffect(() => {
    if (!id) return;
    const q = submissionQueue();
    const offAck = q.onAcknowledged((a) => {
      if (a.slug !== slug || a.id !== id || a.status !== 'complete') return;
      setProgress((p) => {
        if (!p || p.id !== id) return p;
        const next = { ...p, acknowledged: true };
        saveProgress(slug, next);
        return next;
      });
    });
    const offRej = q.onRejected((e, err) => {
      if (e.slug !== slug || e.id !== id) return;
      setRefusal({ status: err.status, message: err.message });
    });
    // A completed response that is neither acknowledged nor waiting in the outbox (storage cleared
    // half-way, older version): send it again; the PUT is idempotent.
    const p = loadProgress(slug);
    if (p && p.id === id && p.completed && !p.acknowledged && q.pending(slug, id).length === 0) {
      q.enqueue(slug, id, body(p, 'complete'));
    } else q.flushNow();
    return () => {
      offAck();
      offRej();
    };
  }, [id, slug]);

  // SurveyJS fires its events while React renders its components: write the browser copy and queue the
  // save at once (durability), but defer the React state change out of that render.
  // Which component renders the questionnaire is chosen once, when it first appears: switching from the
  // lazy wrapper to the loaded module later would remount it and lose the survey's state.
  const screenType = useRef<ComponentType<ComponentProps<typeof LazySurveyScreen>> | null>(null);
  const current = useRef<LocalProgress | null>(null);
  if (
    !progress ||
    !current.current ||
    current.current.id !== progress.id ||
    progress.updatedAt >= current.current.updatedAt
  ) {
    current.current = progress;
  }
  const update = useCallback(
    (patch: Partial<LocalProgress>, send?: SubmissionBody['status']) => {
      const p = current.current;
      if (!p) return;
      const next = { ...p, ...patch, updatedAt: Date.now() };
      current.current = next;
      saveProgress(slug, next);
      if (send) submissionQueue().enqueue(slug, next.id, body(next, send));
      queueMicrotask(() => setProgress((cur) => (cur && cur.id === next.id ? next : cur)));
    },
    [slug],
  );

  switch (load.kind) {
    case 'loading':
      return <Loading text={t('respondent.loading')} />;
    case 'unknown':
      return (
        <StatusPage title={t('respondent.unknown.title')} testId="campaign-unknown">
          <p className="r-text">{t('respondent.unknown.text')}</p>
        </StatusPage>
      );
    case 'closed':
      return (
        <StatusPage title={t('respondent.closed.title')} tone="warning" testId="campaign-closed">
          <p className="r-text">{load.message ?? t('respondent.closed.text')}</p>
        </StatusPage>
      );
    case 'notOpen':
      return (
        <StatusPage title={t('respondent.notOpen.title')} testId="campaign-not-open">
          <p className="r-text">
            {load.opensAt
              ? t('respondent.notOpen.textDate', { date: formatDate(load.opensAt, lang) })
              : (load.message ?? t('respondent.notOpen.text'))}
          </p>
        </StatusPage>
      );
    case 'error':
      return (
        <StatusPage title={t('respondent.error.title')} tone="warning" testId="campaign-error">
          <p className="r-text">{t('respondent.error.text')}</p>
          <button type="button" className="r-button r-button--primary" onClick={retry}>
            {t('respondent.error.retry')}
          </button>
        </StatusPage>
      );
    case 'ready':
      break;
  }
  if (!progress) return <Loading text={t('respondent.loading')} />;
  const c = load.campaign;

  if (progress.completed) {
    return (
      <ThankYou
        acknowledged={progress.acknowledged}
        refusal={refusal}
        onNew={() => {
          const p = newProgress(token);
          saveProgress(slug, p);
          setRefusal(null);
          setProgress(p);
        }}
      />
    );
  }
  if (c.access === 'invitation' && !progress.token) {
    return (
      <StatusPage title={t('respondent.invitationOnly.title')} testId="invitation-only">
        <p className="r-text">{t('respondent.invitationOnly.text')}</p>
      </StatusPage>
    );
  }
  if (!progress.started) {
    // Build the questionnaire's model while the notice is read, once its code is there.
    void surveyScreen.then((m) => {
      const prepare = () => m.prepareSurveyModel(c.questionnaire, lang);
      if ('requestIdleCallback' in window) window.requestIdleCallback(prepare);
      else setTimeout(prepare, 1);
    });
    return (
      <PrivacyNotice
        title={c.title}
        organization={c.organisation ?? undefined}
        notice={c.privacyNotice}
        resumed={Object.keys(progress.data).length > 0}
        onStart={() => update({ started: true })}
      />
    );
  }
  const screen = {
    campaign: c,
    slug,
    progress,
    resumeFailed,
    refusal,
    update,
  };
  screenType.current ??= LoadedSurveyScreen ?? LazySurveyScreen;
  const Screen = screenType.current;
  return (
    <Suspense fallback={<Loading text={t('respondent.loading')} />}>
      <Screen key={progress.id} {...screen} />
    </Suspense>
  );
}

export function body(p: LocalProgress, status: SubmissionBody['status']): SubmissionBody {
  return p.token ? { data: p.data, status, token: p.token } : { data: p.data, status };
}

export function Loading(props: { text: string }) {
  return (
    <main className="r-shell" aria-busy="true">
      <p className="r-loading" role="status">
        {props.text}
      </p>
    </main>
  );
}

function ThankYou(props: {
  acknowledged: boolean;
  refusal: { status: number; message: string } | null;
  onNew: () => void;
}) {
  const { t } = useT();
  const state = useQueueState();
  if (props.refusal) {
    return (
      <StatusPage title={t('respondent.refused.title')} tone="warning" testId="submission-refused">
        <p className="r-text">{props.refusal.message}</p>
        <p className="r-text">{t('respondent.refused.kept')}</p>
      </StatusPage>
    );
  }
  if (!props.acknowledged) {
    return (
      <StatusPage title={t('respondent.sending.title')} tone="info" testId="submission-pending">
        <p className="r-text">
          {state.kind === 'waiting' ? t('respondent.sending.offline') : t('respondent.sending.text')}
        </p>
        {state.kind === 'waiting' && (
          <button type="button" className="r-button r-button--primary" onClick={() => submissionQueue().flushNow()}>
            {t('respondent.sending.retry')}
          </button>
        )}
      </StatusPage>
    );
  }
  return (
    <StatusPage title={t('respondent.thanks.title')} tone="success" testId="thank-you">
      <p className="r-text">{t('respondent.thanks.text')}</p>
      <button type="button" className="r-link" onClick={props.onNew}>
        {t('respondent.thanks.another')}
      </button>
    </StatusPage>
  );
}
