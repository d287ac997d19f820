/**
 * The question types an evaluation uses, as the editor offers them, and how each is written in SurveyJS
 * JSON. The questionnaire stays plain SurveyJS: a type is read back from the JSON (an agreement scale is a
 * radiogroup whose choices are one of the agreement presets), never from a private marker.
 */
import { slugify, uniqueCode } from './codes';

export type Json = Record<string, unknown>;

/** A JSON property as text: strings and numbers as they are, anything else (a localised object…) empty. */
export function text(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}
export interface ChoiceItem {
  value: string;
  text: string;
}

export const QUESTION_KINDS = [
  'single',
  'multiple',
  'boolean',
  'agreement',
  'rating',
  'matrix',
  'number',
  'text',
  'comment',
  'dropdown',
] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const DONT_KNOW: ChoiceItem = { value: 'nsp', text: 'Je ne sais pas' };

/** Four levels as in the Coop'Art study, or five with a neutral level. */
export const AGREEMENT: Record<'4' | '5', ChoiceItem[]> = {
  '4': [
    { value: 'oui_tout_a_fait', text: 'Oui, tout à fait' },
    { value: 'oui_plutot', text: 'Oui, plutôt' },
    { value: 'plutot_non', text: 'Plutôt non' },
    { value: 'non_pas_du_tout', text: 'Non, pas du tout' },
  ],
  '5': [
    { value: 'tout_a_fait_d_accord', text: 'Tout à fait d’accord' },
    { value: 'plutot_d_accord', text: 'Plutôt d’accord' },
    { value: 'ni_d_accord_ni_pas_d_accord', text: 'Ni d’accord ni pas d’accord' },
    { value: 'plutot_pas_d_accord', text: 'Plutôt pas d’accord' },
    { value: 'pas_du_tout_d_accord', text: 'Pas du tout d’accord' },
  ],
};

export function choicesOf(q: Json, key: 'choices' | 'rows' | 'columns' = 'choices'): ChoiceItem[] {
  const raw = q[key];
  if (!Array.isArray(raw)) return [];
  return raw.map((c: unknown) => {
    if (c && typeof c === 'object') {
      const o = c as { value?: unknown; text?: unknown };
      const value = text(o.value);
      return { value, text: typeof o.text === 'string' ? o.text : value };
    }
    return { value: String(c), text: String(c) };
  });
}

export function agreementLevels(q: Json): '4' | '5' | null {
  const values = choicesOf(q, q.type === 'matrix' ? 'columns' : 'choices')
    .map((c) => c.value)
    .filter((v) => v !== DONT_KNOW.value);
  for (const k of ['4', '5'] as const) {
    const preset = AGREEMENT[k].map((c) => c.value);
    if (values.length === preset.length && values.every((v, i) => v === preset[i])) return k;
  }
  return null;
}

/** The editor's kind of a SurveyJS question, or null for a type it shows but does not edit. */
export function kindOf(q: Json): QuestionKind | null {
  switch (q.type) {
    case 'radiogroup':
      return agreementLevels(q) ? 'agreement' : 'single';
    case 'checkbox':
      return 'multiple';
    case 'boolean':
      return 'boolean';
    case 'rating':
      return 'rating';
    case 'matrix':
      return 'matrix';
    case 'text':
      return q.inputType === 'number' ? 'number' : q.inputType === undefined || q.inputType === 'text' ? 'text' : null;
    case 'comment':
      return 'comment';
    case 'dropdown':
      return 'dropdown';
    default:
      return null;
  }
}

export function hasChoices(kind: QuestionKind): boolean {
  return kind === 'single' || kind === 'multiple' || kind === 'dropdown';
}
export function allowsDontKnow(kind: QuestionKind): boolean {
  return hasChoices(kind) || kind === 'agreement' || kind === 'matrix';
}

/** A new question of a kind, with a name not taken in the questionnaire. */
export function newQuestion(kind: QuestionKind, title: string, taken: Iterable<string>): Json {
  const name = uniqueCode(slugify(title, 'question'), taken);
  const base: Json = { name, title };
  switch (kind) {
    case 'single':
      return { ...base, type: 'radiogroup', choices: [] };
    case 'multiple':
      return { ...base, type: 'checkbox', choices: [] };
    case 'dropdown':
      return { ...base, type: 'dropdown', choices: [] };
    case 'boolean':
      return { ...base, type: 'boolean', labelTrue: 'Oui', labelFalse: 'Non' };
    case 'agreement':
      return { ...base, type: 'radiogroup', choices: AGREEMENT['4'].map((c) => ({ ...c })) };
    case 'rating':
      return { ...base, type: 'rating', rateMin: 1, rateMax: 5 };
    case 'matrix':
      return { ...base, type: 'matrix', columns: AGREEMENT['4'].map((c) => ({ ...c })), rows: [] };
    case 'number':
      return { ...base, type: 'text', inputType: 'number' };
    case 'text':
      return { ...base, type: 'text' };
    case 'comment':
      return { ...base, type: 'comment' };
  }
}

/** Change a question's kind, keeping what still makes sense (name, title, description, condition…). */
export function convertQuestion(q: Json, kind: QuestionKind): Json {
  const keep: Json = {};
  for (const k of ['name', 'title', 'description', 'isRequired', 'visibleIf']) if (q[k] !== undefined) keep[k] = q[k];
  const fresh = newQuestion(kind, text(q.title), []);
  const out: Json = { ...fresh, ...keep };
  const old = choicesOf(q);
  if (hasChoices(kind) && old.length > 0 && agreementLevels(q) === null) out.choices = q.choices;
  return out;
}

/** Every question of a page list, with its position (panels are not edited: their questions are listed). */
export function pagesOf(questionnaire: Json): { name?: string; title?: string; elements: Json[] }[] {
  const pages = questionnaire.pages;
  if (Array.isArray(pages)) return pages as { name?: string; title?: string; elements: Json[] }[];
  return [];
}

export function allQuestionNames(questionnaire: Json): string[] {
  const out: string[] = [];
  const walk = (els: unknown) => {
    if (!Array.isArray(els)) return;
    for (const el of els as Json[]) {
      if (typeof el.name === 'string') out.push(el.name);
      walk(el.elements);
      walk(el.templateElements);
    }
  };
  for (const p of pagesOf(questionnaire)) walk(p.elements);
  walk(questionnaire.elements);
  return out;
}
