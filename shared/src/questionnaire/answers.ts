import type { Bundle } from '../bundle/schema.js';
import { isScalar, keySet, toNumber, valueKey } from '../engine/values.js';
import type { ValidationIssue } from '../types.js';
import { buildCatalog, type QuestionInfo, type QuestionnaireCatalog } from './catalog.js';

const MAX_TEXT = 20_000;

/**
 * Checks one respondent's answers against the questionnaire before they are stored: unknown question,
 * value not among the choices, wrong type. Each issue's path is the question name.
 */
export function checkAnswers(bundle: Bundle, data: unknown, catalog?: QuestionnaireCatalog): ValidationIssue[] {
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return [{ path: 'data', message: 'un objet de réponses est attendu' }];
  }
  const cat = catalog ?? buildCatalog(bundle.questionnaire, bundle.locale ?? 'fr');
  const issues: ValidationIssue[] = [];
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (value === null || value === undefined) continue;
    const q = cat.byName.get(key);
    if (q) {
      const message = checkValue(q, value);
      if (message) issues.push({ path: key, message });
      continue;
    }
    if (key.endsWith('-Comment') && cat.byName.get(key.slice(0, -8))?.hasComment) {
      if (typeof value !== 'string' || value.length > MAX_TEXT) issues.push({ path: key, message: 'texte attendu' });
      continue;
    }
    if (cat.variables.has(key)) continue;
    issues.push({ path: key, message: `question inconnue « ${key} »` });
  }
  return issues;
}

function checkValue(q: QuestionInfo, value: unknown): string | null {
  const allowed = q.choices && q.choices.length ? keySet([...q.choices.map((c) => c.value), ...q.specialValues]) : null;
  // With an "other" item, SurveyJS may store the typed text itself as the value.
  const openEnded = q.hasComment && q.specialValues.length > 0;
  const inChoices = (v: unknown) => !allowed || openEnded || allowed.has(valueKey(v));
  switch (q.shape) {
    case 'single':
    case 'rating':
      if (!isScalar(value)) return 'une seule valeur est attendue';
      return inChoices(value) ? null : `valeur « ${String(value)} » absente des choix`;
    case 'multiple':
    case 'ranking': {
      if (!Array.isArray(value)) return 'une liste de valeurs est attendue';
      const bad: unknown = value.find((v) => !isScalar(v) || !inChoices(v));
      return bad === undefined ? null : `valeur « ${JSON.stringify(bad)} » absente des choix`;
    }
    case 'boolean': {
      const bv = q.booleanValues ?? { true: true, false: false };
      return valueKey(value) === valueKey(bv.true) || valueKey(value) === valueKey(bv.false) ? null : 'oui/non attendu';
    }
    case 'number':
      return toNumber(value) === undefined ? 'nombre attendu' : null;
    case 'text':
      if (typeof value === 'number') return null;
      if (typeof value !== 'string') return 'texte attendu';
      return value.length > MAX_TEXT ? `texte trop long (${MAX_TEXT} caractères au plus)` : null;
    case 'matrix': {
      if (typeof value !== 'object' || Array.isArray(value)) return 'un objet { ligne: colonne } est attendu';
      const rows = keySet(q.rows?.map((r) => r.value));
      for (const [row, col] of Object.entries(value as Record<string, unknown>)) {
        if (q.rows?.length && !rows.has(valueKey(row))) return `ligne « ${row} » inconnue`;
        if (!isScalar(col) || !inChoices(col))
          return `valeur « ${String(col)} » absente des colonnes (ligne « ${row} »)`;
      }
      return null;
    }
    default:
      return null;
  }
}
