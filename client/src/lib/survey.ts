/**
 * SurveyJS setup, in one place: French locale, fontless theme (the default CSS pulls web fonts), and
 * sanitising of every piece of markup an author or a piped previous answer could inject.
 * Imported only by the lazily loaded respondent page and the admin preview.
 */
import { Model, QuestionTextModel, settings } from 'survey-core';
import 'survey-core/i18n/french';
import 'survey-core/survey-core.fontless.min.css';
import DOMPurify from 'dompurify';

export { Model };

// Page titles are the headings of the questionnaire (h1 is the campaign's title); questions come under them.
settings.titleTags.page = 'h2';
settings.titleTags.panel = 'h3';
settings.titleTags.question = 'h3';
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
  // WCAG 2.2 AA 1.4.11: unselected radio and checkbox rings and field borders were #d4d4d4 (1.5:1);
  // #767676 is 4.5:1 on white and 4.1:1 on the grey page. The focus ring was a light, translucent blue
  // (1.5:1): a solid dark blue (6.3:1 on white).
  '--sjs2-color-border-basic-secondary': '#767676',
  '--sjs2-color-component-checkbox-false-default-border': '#767676',
  '--sjs2-color-utility-a11y': '#1a5fb4',
};

/** What the numeric mask says when a keystroke cannot make a number (shown under the field, announced). */
const NUMBER_REFUSED = {
  fr: 'Ce caractère ne peut pas faire partie d’un nombre. Exemple : 1 500,50',
  en: 'This character cannot be part of a number. Example: 1,500.50',
};

interface MaskInput {
  insertedChars: string | null;
  prevValue: string;
  selectionStart: number;
  selectionEnd: number;
}
interface NumericMask {
  decimalSeparator: string;
  processInput(args: MaskInput): { value: string; caretPosition: number; cancelPreventDefault: boolean };
}

/**
 * The browser's number field swallows a French decimal comma ("1 500,50" became 150050). Numeric text
 * questions use SurveyJS's numeric input mask instead, with French separators: the stored value stays a
 * JSON number. The mask silently drops characters it does not know (a dot when the separator is a comma:
 * "1500.5" would become 15005), so a dot is read as the decimal separator, and a keystroke the mask
 * refuses shows an error at once instead of vanishing.
 */
function applyNumericMasks(model: Model, locale: string): void {
  const french = locale !== 'en';
  for (const q of model.getAllQuestions(false, false, true)) {
    if (!(q instanceof QuestionTextModel) || q.inputType !== 'number' || !q.maskTypeIsEmpty) continue;
    const min = typeof q.min === 'number' ? q.min : Number(q.min);
    const max = typeof q.max === 'number' ? q.max : Number(q.max);
    q.inputType = 'text';
    q.maskType = 'numeric';
    q.maskSettings.fromJSON({
      decimalSeparator: french ? ',' : '.',
      thousandsSeparator: french ? ' ' : ',',
      precision: 2,
      allowNegativeValues: !(Number.isFinite(min) && min >= 0),
      ...(Number.isFinite(min) ? { min } : {}),
      ...(Number.isFinite(max) ? { max } : {}),
    });
    const mask = q.maskSettings as unknown as NumericMask;
    const original = mask.processInput.bind(mask);
    mask.processInput = (args) => {
      const typed = args.insertedChars ?? '';
      const chars = mask.decimalSeparator === ',' ? typed.replace(/\./g, ',') : typed;
      const result = original({ ...args, insertedChars: chars });
      const unknown = /[^0-9\s\u00a0\u202f.,-]/.test(chars);
      const refused = chars !== '' && (unknown || (result.value === args.prevValue && /[0-9.,]/.test(chars)));
      if (refused) {
        // Keep what was typed so far: showing the error re-renders the field from the question's value.
        const kept = (mask as unknown as { getUnmaskedValue(s: string): unknown }).getUnmaskedValue(args.prevValue);
        if (kept !== q.value) q.value = kept;
        q.errors = [];
        q.addError(locale === 'en' ? NUMBER_REFUSED.en : NUMBER_REFUSED.fr);
      }
      // The message is not cleared here: that re-renders the field from the question's value and would
      // drop a decimal comma just typed ("12," → "12"). SurveyJS re-checks it when the value is committed.
      return result;
    };
  }
  // A text field: ask phones for their numeric keypad (with a decimal separator).
  model.onAfterRenderQuestionInput.add((_, options) => {
    if (options.question.getType() === 'text' && options.question.maskType === 'numeric') {
      options.htmlElement.setAttribute('inputmode', 'decimal');
    }
  });
}

export function createSurveyModel(json: SurveyJson, locale = 'fr'): Model {
  const model = new Model(json);
  model.locale = locale;
  applyNumericMasks(model, locale);
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
