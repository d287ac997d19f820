import { useState } from 'react';
import { useT } from '../../../lib/i18n-lite';
import { StatusPage } from './StatusPage';

/** "Reprendre plus tard": a personal link that reopens this response on any device. */
export function ResumeLater(props: { url: string; onOpen: () => void }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="r-resume">
      <button
        type="button"
        className="r-link"
        aria-expanded={open}
        aria-controls="resume-panel"
        onClick={() => {
          props.onOpen();
          setOpen((o) => !o);
        }}
      >
        {t('respondent.resume.button')}
      </button>
      {open && (
        <div id="resume-panel" className="r-resume-panel" data-testid="resume-panel">
          <p className="r-text">{t('respondent.resume.explain')}</p>
          <label className="r-label" htmlFor="resume-url">
            {t('respondent.resume.label')}
          </label>
          <input
            id="resume-url"
            className="r-input"
            readOnly
            value={props.url}
            onFocus={(e) => e.currentTarget.select()}
          />
          <div className="r-row">
            <button type="button" className="r-button" onClick={() => void copy()}>
              {copied ? t('respondent.resume.copied') : t('respondent.resume.copy')}
            </button>
            <a
              className="r-button"
              href={`mailto:?subject=${encodeURIComponent(t('respondent.resume.mailSubject'))}&body=${encodeURIComponent(props.url)}`}
            >
              {t('respondent.resume.mail')}
            </a>
          </div>
        </div>
      )}
    </div>
  );
}

/** A resume link opened on a device that holds another response in progress: asked before replacing it. */
export function ReplaceLocal(props: { onOpen: () => void; onKeep: () => void }) {
  const { t } = useT();
  return (
    <StatusPage title={t('respondent.data.replaceTitle')} tone="warning" testId="resume-replace">
      <p className="r-text">{t('respondent.data.replaceText')}</p>
      <div className="r-row">
        <button type="button" className="r-button r-button--primary" onClick={props.onKeep}>
          {t('respondent.data.replaceKeep')}
        </button>
        <button type="button" className="r-button" onClick={props.onOpen}>
          {t('respondent.data.replaceOpen')}
        </button>
      </div>
    </StatusPage>
  );
}

/** A resume link of a response already sent: its answers are not shown; its deletion can be asked for. */
export function SentResponse(props: { contact: string; mailto: string | null }) {
  const { t } = useT();
  return (
    <StatusPage title={t('respondent.data.sentTitle')} tone="success" testId="resume-sent">
      <p className="r-text">{t('respondent.data.sentText')}</p>
      {props.mailto ? (
        <a className="r-button" href={props.mailto} data-testid="deletion-request">
          {t('respondent.data.deletion')}
        </a>
      ) : (
        <p className="r-text" data-testid="deletion-request">
          {t('respondent.data.deletion')} : {props.contact}
        </p>
      )}
    </StatusPage>
  );
}

/**
 * This device's save was based on an older revision than the server's: the person chooses whose answers
 * to keep. Nothing is merged behind their back; the answers not chosen are replaced knowingly.
 */
export function Conflict(props: {
  mine: Record<string, unknown>;
  theirs: Record<string, unknown>;
  onMine: () => void;
  onTheirs: () => void;
}) {
  const { t } = useT();
  const keys = new Set([...Object.keys(props.mine), ...Object.keys(props.theirs)]);
  let differing = 0;
  for (const k of keys) {
    const a = Object.prototype.hasOwnProperty.call(props.mine, k) ? props.mine[k] : undefined;
    const b = Object.prototype.hasOwnProperty.call(props.theirs, k) ? props.theirs[k] : undefined;
    if (JSON.stringify(a) !== JSON.stringify(b)) differing += 1;
  }
  return (
    <StatusPage title={t('respondent.data.conflictTitle')} tone="warning" testId="save-conflict">
      <p className="r-text">{t('respondent.data.conflictText')}</p>
      <p className="r-text">{t('respondent.data.conflictCount', { count: differing })}</p>
      <div className="r-row">
        <button type="button" className="r-button r-button--primary" onClick={props.onTheirs}>
          {t('respondent.data.conflictTheirs')}
        </button>
        <button type="button" className="r-button" onClick={props.onMine}>
          {t('respondent.data.conflictMine')}
        </button>
      </div>
    </StatusPage>
  );
}
