/**
 * SurveyJS setup, in one place: French locale, fontless theme (the default CSS pulls web fonts), and
 * sanitising of every piece of markup an author or a piped previous answer could inject.
 * Imported only by the lazily loaded respondent page and the admin preview.
 */
import { Model } from 'survey-core';
import 'survey-core/i18n/french';
import 'survey-core/survey-core.fontless.min.css';
import DOMPurify from 'dompurify';

export { Model };
export type SurveyJson = Record<string, unknown>;

const SANITIZE = {
  // Titles and choices are inline text: allow light formatting, no forms, no media that can phone home.
  ALLOWED_TAGS: [
    'b',
    'strong',
    'i',
    'em',
    'u',
    'br',
    'p',
    'span',
    'small',
    'sup',
    'sub',
    'ul',
    'ol',
    'li',
    'a',
    'mark',
  ],
  ALLOWED_ATTR: ['href', 'title', 'lang'],
};

export function sanitizeMarkup(html: string): string {
  return DOMPurify.sanitize(html, SANITIZE);
}

// Links in question texts open in a new tab and cannot reach back to this page.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

// The default theme names "Open Sans" with no fallback (fontless CSS: not loaded), which renders in a
// serif face; use the system UI font. Its brand green is too light for text on white (2.6:1): darken it.
const THEME_VARIABLES: Record<string, string> = {
  '--sjs2-typography-font-family-text':
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  // 6.1:1 with white text; the 400/700/800 shades are derived from it by the theme.
  '--sjs2-color-project-brand-600': '#1f6f5c',
};

export function createSurveyModel(json: SurveyJson, locale = 'fr'): Model {
  const model = new Model(json);
  model.locale = locale;
  const current = (model as unknown as { cssVariables?: Record<string, string> }).cssVariables ?? {};
  model.applyTheme({ cssVariables: { ...current, ...THEME_VARIABLES } });
  // Texts without markup stay plain text (React escapes them). Texts that look like markup, including
  // answers piped in with {question}, go through DOMPurify: <script> and on* handlers never survive.
  model.onTextMarkdown.add((_, options) => {
    if (/[<&]/.test(options.text)) options.html = sanitizeMarkup(options.text);
  });
  // "html" questions and completed/loading messages are raw markup: sanitise them too.
  model.onProcessHtml.add((_, options) => {
    options.html = sanitizeMarkup(options.html);
  });
  return model;
}
