import { useState } from 'react';
import { useT } from '../../../lib/i18n-lite';

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
