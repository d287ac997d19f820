/**
 * The vocabulary of XLSForm as the reader (xlsform.ts) knows it: which types it translates, which it
 * leaves out and why, how `required`, types and constraints are spelt, and the small rewrites of a
 * constraint into SurveyJS's own bounds.
 */
import type { Expr, ToSurveyjsContext } from './expression.js';

/** Types ODK and KoboToolbox document that SurveyJS has nothing for: left out, with a warning. */
export const UNSUPPORTED = new Map<string, string>([
  ['geopoint', 'les coordonnées GPS ne sont pas collectées'],
  ['geotrace', 'les tracés GPS ne sont pas collectés'],
  ['geoshape', 'les zones GPS ne sont pas collectées'],
  ['start-geopoint', 'les coordonnées GPS ne sont pas collectées'],
  ['image', 'les photos ne sont pas collectées'],
  ['photo', 'les photos ne sont pas collectées'],
  ['audio', 'les enregistrements audio ne sont pas collectés'],
  ['background-audio', 'les enregistrements audio ne sont pas collectés'],
  ['video', 'les vidéos ne sont pas collectées'],
  ['file', 'les fichiers joints ne sont pas collectés'],
  ['xml-external', 'les données externes ne sont pas lues'],
  ['csv-external', 'les données externes ne sont pas lues'],
  ['audit', 'le journal d’audit ODK n’existe pas dans SurveyJS'],
]);

/** ODK's metadata fields: filled by the collecting device, no question for the respondent. */
export const METADATA = new Set([
  'start',
  'end',
  'today',
  'deviceid',
  'subscriberid',
  'simserial',
  'phonenumber',
  'username',
  'email',
  'uri:email',
  'uri:username',
  'uri:phonenumber',
  'uri:deviceid',
]);

/**
 * Names are keys of answers and appear in expressions: no braces, quotes, `$` or line breaks. A space is
 * let through (XLSForm refuses it, SurveyJS does not, and a bundle's names must read back).
 */
export const NAME = /^[^\t\r\n{}$'"]+$/;

/** The types this reader translates itself; any other with a `surveyjs` cell is taken as SurveyJS's. */
export const XLSFORM_TYPES = new Set([
  'text',
  'string',
  'integer',
  'int',
  'decimal',
  'date',
  'time',
  'datetime',
  'datetime-local',
  'note',
  'select_one',
  'select_multiple',
  'rank',
  'range',
  'acknowledge',
  'calculate',
  'hidden',
  'barcode',
  'from_file',
]);

export const BEGIN = /^begin[ _](group|repeat)$/;
export const END = /^end[ _](group|repeat)$/;

export function normaliseType(raw: string): string {
  // `select one` and `select multiple` are older spellings of `select_one` and `select_multiple`.
  return raw
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .replace(/^select (one|multiple)\b/, 'select_$1');
}

export function yesNo(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (['yes', 'true', 'true()', '1', 'oui', 'vrai'].includes(v)) return true;
  if (['no', 'false', 'false()', '0', 'non', 'faux', ''].includes(v)) return false;
  return undefined;
}

/**
 * `string-length(.) >= 3 and string-length(.) <= 50` → SurveyJS's text validator bounds (which, like ODK,
 * leave an empty answer alone); undefined for anything else.
 */
export function textLengths(text: string): { minLength?: number; maxLength?: number } | undefined {
  const out: { minLength?: number; maxLength?: number } = {};
  for (const part of text.split(/\s+and\s+/)) {
    const m = /^string-length\(\s*\.\s*\)\s*(<=|>=|<|>)\s*(\d+)$/.exec(part.trim());
    if (!m) return undefined;
    const n = Number(m[2]);
    const op = m[1]!;
    if (op === '>=' || op === '>') {
      if (out.minLength !== undefined) return undefined;
      out.minLength = op === '>' ? n + 1 : n;
    } else {
      if (out.maxLength !== undefined) return undefined;
      out.maxLength = op === '<' ? n - 1 : n;
    }
  }
  return out;
}

/** An answer shown in a text: XLSForm writes `${q}`, SurveyJS `{q}`. */
export const piped = (text: string) => text.replace(/\$\{\s*([^{}\s]+)\s*\}/g, '{$1}');

export const selfRef = (ctx: ToSurveyjsContext) =>
  ctx.inSameRepeat?.(ctx.self ?? '') ? `panel.${ctx.self ?? ''}` : (ctx.self ?? '');

/** `{q} >= 0 and {q} <= 100` → { min: 0, max: 100 }; undefined for anything else. */
export function boundsOf(e: Expr, self: string): { min?: number; max?: number } | undefined {
  const out: { min?: number; max?: number } = {};
  const visit = (n: Expr): boolean => {
    if (n.k === 'bin' && n.op === 'and') return visit(n.l) && visit(n.r);
    if (n.k !== 'bin' || n.l.k !== 'var' || n.l.name !== self || n.r.k !== 'num') return false;
    if (n.op === '>=' && out.min === undefined) out.min = n.r.v;
    else if (n.op === '<=' && out.max === undefined) out.max = n.r.v;
    else return false;
    return true;
  };
  return visit(e) ? out : undefined;
}
