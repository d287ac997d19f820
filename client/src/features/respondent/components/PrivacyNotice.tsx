import { useEffect, useRef } from 'react';
import type { PublicCampaign } from '../../../lib/api/schema';
import { useT } from '../../../lib/i18n-lite';

type Privacy = PublicCampaign['privacy'];
const FIELDS = ['controller', 'contact', 'purpose', 'legalBasis', 'retention', 'recipients', 'rights'] as const;

/** Splits a text the working group wrote into paragraphs, rendered as text (never as markup). */
function paragraphs(text: string): string[] {
  return text
    .split(/\n{2,}|\r\n\r\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** A mailto: link for an e-mail address in the contact field, if it holds one. */
export function contactMailto(contact: string, subject: string): string | null {
  const email = /[^\s<>()"'@,;:]+@[^\s<>()"'@,;:]+\.[A-Za-z]{2,}/.exec(contact)?.[0];
  return email ? `mailto:${email}?subject=${encodeURIComponent(subject)}` : null;
}

/** The notice's content (RGPD articles 13 and 14): before the first question, and again from "Vos données". */
export function PrivacyDetails(props: { privacy: Privacy; notice?: string | null; headingLevel?: 2 | 3 }) {
  const { t } = useT();
  const { privacy } = props;
  const Term = props.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <div className="r-privacy" data-testid="privacy-details">
      {props.notice?.trim() &&
        paragraphs(props.notice).map((p, i) => (
          <p key={`n${i}`} className="r-text">
            {p}
          </p>
        ))}
      {FIELDS.filter((k) => privacy[k].trim() !== '').map((k) => (
        <div key={k} className="r-privacy-field" data-field={k}>
          <Term className="r-label">{t(`respondent.data.${k}`)}</Term>
          {paragraphs(privacy[k]).map((p, i) => (
            <p key={i} className="r-text">
              {p}
            </p>
          ))}
        </div>
      ))}
      <p className="r-text" data-field="optional">
        {t('respondent.data.optional')}
      </p>
      <p className="r-text" data-field="cnil">
        {t('respondent.data.cnil')}
      </p>
      {privacy.policyUrl && /^https?:\/\//i.test(privacy.policyUrl) && (
        <p className="r-text">
          <a href={privacy.policyUrl} target="_blank" rel="noopener noreferrer" data-field="policyUrl">
            {t('respondent.data.policy')}
          </a>
        </p>
      )}
    </div>
  );
}

export function PrivacyNotice(props: {
  title: string;
  organization?: string;
  privacy: Privacy;
  notice?: string | null;
  resumed: boolean;
  onStart: () => void;
}) {
  const { t } = useT();
  return (
    <main className="r-shell">
      <section className="r-card" aria-labelledby="privacy-title" data-testid="privacy-notice">
        {props.organization && <p className="r-eyebrow">{props.organization}</p>}
        <h1 className="r-title">{props.title}</h1>
        <h2 id="privacy-title" className="r-subtitle">
          {t('respondent.privacy.heading')}
        </h2>
        <PrivacyDetails privacy={props.privacy} notice={props.notice} headingLevel={3} />
        <ul className="r-points">
          <li>{t('respondent.privacy.pointSaved')}</li>
          <li>{t('respondent.privacy.pointResume')}</li>
        </ul>
        <button type="button" className="r-button r-button--primary" onClick={props.onStart} autoFocus>
          {props.resumed ? t('respondent.privacy.continue') : t('respondent.privacy.start')}
        </button>
      </section>
    </main>
  );
}

/** "Vos données": reopens the notice from any page of the questionnaire, in a modal dialog. */
export function DataNoticeButton(props: { privacy: Privacy; notice?: string | null }) {
  const { t } = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    return () => d?.close();
  }, []);
  return (
    <div className="r-data">
      <button
        type="button"
        className="r-link"
        data-testid="data-notice-button"
        onClick={() => dialog.current?.showModal()}
      >
        {t('respondent.data.button')}
      </button>
      <dialog ref={dialog} className="r-card r-dialog" aria-labelledby="data-dialog-title" data-testid="data-notice">
        <h2 id="data-dialog-title" className="r-subtitle">
          {t('respondent.data.title')}
        </h2>
        <PrivacyDetails privacy={props.privacy} notice={props.notice} headingLevel={3} />
        <form method="dialog">
          <button type="submit" className="r-button r-button--primary">
            {t('respondent.data.close')}
          </button>
        </form>
      </dialog>
    </div>
  );
}
