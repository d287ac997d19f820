import { useT } from '../../../lib/i18n-lite';

export function PrivacyNotice(props: {
  title: string;
  organization?: string;
  notice?: string | null;
  resumed: boolean;
  onStart: () => void;
}) {
  const { t } = useT();
  const paragraphs = (
    props.notice?.trim()
      ? props.notice
      : t('respondent.privacy.default', { organization: props.organization ?? t('respondent.privacy.theOrganization') })
  )
    .split(/\n{2,}|\r\n\r\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <main className="r-shell">
      <section className="r-card" aria-labelledby="privacy-title" data-testid="privacy-notice">
        {props.organization && <p className="r-eyebrow">{props.organization}</p>}
        <h1 className="r-title">{props.title}</h1>
        <h2 id="privacy-title" className="r-subtitle">
          {t('respondent.privacy.heading')}
        </h2>
        {/* Rendered as text, never as markup. */}
        {paragraphs.map((p, i) => (
          <p key={i} className="r-text">
            {p}
          </p>
        ))}
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
