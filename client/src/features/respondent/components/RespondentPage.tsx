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
import { ApiError } from '../../../lib/api/client';
import type { StoredResponse, SubmissionBody } from '../../../lib/api/schema';
import { formatDate } from '../../../lib/format';
import { fetchPublicResponse } from '../api/publicApi';
import { loadProgress, newProgress, saveProgress, type LocalProgress } from '../api/localProgress';
import { submissionQueue } from '../api/submissionQueue';
import { usePublicCampaign } from '../hooks/usePublicCampaign';
import { useQueueState } from '../hooks/useSubmissionQueue';
import { Conflict, ReplaceLocal, SentResponse } from './ResumeLater';
import { contactMailto, DataNoticeButton, PrivacyNotice } from './PrivacyNotice';
import { StatusPage } from './StatusPage';
import './respondent.css';

// SurveyJS (≈ 360 KB gzip) is fetched from the moment this module runs, but the privacy notice does not
// wait for it: on a slow link the person reads the notice while the questionnaire's code arrives.
// Once loaded, it is rendered directly: going through React.lazy/Suspense again would cost React 19's
// ~300 ms throttle on revealing suspended content, right when the person presses "Commencer".
let LoadedSurveyScreen: (typeof import('./SurveyScreen'))['default'] | null = null;
const surveyScreen = import('./SurveyScreen').then((m) => {
  performance.mark('trame:survey-code'); // read by test/bench/client.bench.mjs
  LoadedSurveyScreen = m.default;
  return m;
});
const LazySurveyScreen = lazy(() => surveyScreen);
// The model needs SurveyJS's core only, not its React components: it is built as soon as the core is
// there, while the rest of the questionnaire's code may still be downloading.
const surveyModel = import('../hooks/useSurveyModel');

/** `/s/:slug` (and `?t=TOKEN` for invitations, `?r=ID` to resume on another device). */
export default function RespondentPage(props: { slug: string; search: string; early?: Promise<Response> }) {
  const { slug } = props;
  const params = useMemo(() => new URLSearchParams(props.search), [props.search]);
  const token = params.get('t') ?? params.get('token') ?? undefined;
  const resumeId = params.get('r') ?? undefined;
  const { t, lang } = useT();
  const { load, retry } = usePublicCampaign(slug, props.early, token);
  const keptText = t('respondent.data.keptLocal');
  const [progress, setProgress] = useState<LocalProgress | null>(null);
  const [resumeFailed, setResumeFailed] = useState(false);
  const [refusal, setRefusal] = useState<{ status: number; message: string } | null>(null);
  /** The response the server holds when this device's save was based on an older revision. */
  const [conflict, setConflict] = useState<StoredResponse | null>(null);
  /** A resume link opened where another response is in progress: the person chooses first. */
  const [replace, setReplace] = useState<{ local: LocalProgress } | null>(null);
  /** The resume link's response was sent: it is not shown again. */
  const [sent, setSent] = useState(false);
  /** Bumped when the answers shown are replaced (the other device's chosen): remounts the questionnaire. */
  const [epoch, setEpoch] = useState(0);
  const [confirmed, setConfirmed] = useState(false);

  const campaign = load.kind === 'ready' ? load.campaign : null;
  useEffect(() => {
    if (campaign) document.title = campaign.title;
  }, [campaign]);

  // Build the questionnaire's model as soon as SurveyJS's core is there: while the notice is read, or while
  // the rest of the questionnaire's code downloads after "Commencer".
  useEffect(() => {
    if (!campaign) return;
    void surveyModel.then((m) => {
      const prepare = () => m.prepareSurveyModel(campaign.questionnaire, lang);
      if ('requestIdleCallback' in window) window.requestIdleCallback(prepare, { timeout: 50 });
      else setTimeout(prepare, 1);
    });
  }, [campaign, lang]);

  // Work out which response this browser is filling: the resume link's, the local copy, or a new one.
  useEffect(() => {
    if (!campaign) return;
    const local = loadProgress(slug);
    const adopt = (p: LocalProgress) => {
      if (token && !p.token) p.token = token;
      saveProgress(slug, p);
      setProgress(p);
    };
    // A used invitation reopens its own response while it is in progress (the server checked the token).
    const target = resumeId ?? campaign.invitation?.responseId ?? undefined;
    if (target && local?.id !== target) {
      // Another response in progress here is not replaced without asking.
      if (local && !local.completed && Object.keys(local.data).length > 0 && !confirmed) {
        setReplace({ local });
        return undefined;
      }
      const ctrl = new AbortController();
      Promise.all([fetchPublicResponse(slug, target, ctrl.signal, token), surveyModel]).then(
        ([r, { lastAnsweredPage }]) => {
          const data = r.data ?? {};
          submissionQueue().setRevision(slug, target, r.revision);
          adopt({
            ...newProgress(token),
            id: target,
            data,
            started: true,
            pageNo: lastAnsweredPage(campaign.questionnaire, data),
          });
        },
        (err: unknown) => {
          if (ctrl.signal.aborted) return;
          if (err instanceof ApiError && err.code === 'RESPONSE_ALREADY_COMPLETE') {
            setSent(true);
            return;
          }
          setResumeFailed(true);
          adopt(local ?? newProgress(token));
        },
      );
      return () => ctrl.abort();
    }
    adopt(local ?? newProgress(token));
    return undefined;
  }, [campaign, slug, resumeId, token, confirmed]);

  // Acknowledgements and refusals from the outbox.
  const id = progress?.id;
  useEffect(() => {
    if (!id) return;
    const q = submissionQueue();
    const offAck = q.onAcknowledged((a) => {
      if (a.slug !== slug || a.id !== id) return;
      // A later save went through: the earlier refusal no longer describes the answers.
      setRefusal(null);
      if (a.status !== 'complete') return;
      setProgress((p) => {
        if (!p || p.id !== id) return p;
        // The server has the final answers: the phone keeps no copy of them, only that they were sent.
        const next = { ...p, data: {}, pageNo: 0, acknowledged: true };
        saveProgress(slug, next);
        q.forget(slug, id);
        return next;
      });
    });
    const offRej = q.onRejected((e, err) => {
      if (e.slug !== slug || e.id !== id) return;
      if (err.code === 'RESPONSE_CHANGED' && err.body?.details) {
        setConflict(err.body.details as StoredResponse);
        return;
      }
      // A campaign closed since the page opened says so at the next save; the answers stay on the phone.
      const kept = err.status === 410 ? ` ${keptText}` : '';
      setRefusal({ status: err.status, message: `${err.message}${kept}` });
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
  }, [id, slug, keptText]);

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
    case 'invitationInvalid':
    case 'invitationUsed':
      return (
        <StatusPage
          title={t(load.kind === 'invitationUsed' ? 'respondent.data.usedTitle' : 'respondent.data.invalidTitle')}
          tone="warning"
          testId={load.kind === 'invitationUsed' ? 'invitation-used' : 'invitation-invalid'}
        >
          <p className="r-text">{load.message}</p>
        </StatusPage>
      );
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
  const c = load.campaign;
  if (sent) {
    const mailto = contactMailto(c.privacy.contact, t('respondent.data.deletionSubject'));
    return <SentResponse contact={c.privacy.contact} mailto={mailto} />;
  }
  if (replace) {
    return (
      <ReplaceLocal
        onOpen={() => {
          submissionQueue().forget(slug, replace.local.id);
          setReplace(null);
          setConfirmed(true);
        }}
        onKeep={() => {
          setReplace(null);
          setProgress(replace.local);
        }}
      />
    );
  }
  if (!progress) return <Loading text={t('respondent.loading')} />;
  if (conflict && conflict.id === progress.id) {
    return (
      <Conflict
        mine={progress.data}
        theirs={conflict.data}
        onMine={() => {
          // Based on the revision just seen: the next save replaces the other device's answers, by choice.
          submissionQueue().setRevision(slug, progress.id, conflict.revision);
          setConflict(null);
          update({}, progress.completed ? 'complete' : 'partial');
        }}
        onTheirs={() => {
          submissionQueue().setRevision(slug, progress.id, conflict.revision);
          // Replaced in this render, with the questionnaire remounted on them (not through `update`'s
          // deferred state change, which would remount it on the old answers first).
          const next = { ...progress, data: conflict.data, completed: false, acknowledged: false };
          saveProgress(slug, next);
          current.current = { ...next, updatedAt: Date.now() };
          setConflict(null);
          setRefusal(null);
          setProgress(current.current);
          setEpoch((e) => e + 1);
        }}
      />
    );
  }

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
    return (
      <PrivacyNotice
        title={c.title}
        organization={c.organisation ?? undefined}
        privacy={c.privacy}
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
    <>
      <Suspense fallback={<Loading text={t('respondent.loading')} />}>
        <Screen key={`${progress.id}:${epoch}`} {...screen} />
      </Suspense>
      <DataNoticeButton privacy={c.privacy} />
    </>
  );
}

/** The answers of a save; the outbox adds the revision it is based on when it sends it. */
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
        {/* A 410's message already says the answers are kept here. */}
        {props.refusal.status !== 410 && <p className="r-text">{t('respondent.refused.kept')}</p>}
      </StatusPage>
    );
  }
  if (!props.acknowledged) {
    return (
      <StatusPage title={t('respondent.sending.title')} tone="info" testId="submission-pending">
        <p className="r-text">
          {state.kind === 'waiting'
            ? t(state.timedOut ? 'respondent.data.timeout' : 'respondent.sending.offline')
            : t('respondent.sending.text')}
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
