import type { Result } from '../types.js';

/**
 * Nesting bound of every JSON document Trame reads (request bodies, imported files). A bundle or a SurveyJS
 * answer needs a dozen levels; the schemas, the answer checks and JSON.stringify all recurse, so a document
 * nested thousands deep would overflow the stack there (a 500) if it were not refused before JSON.parse.
 */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/**
 * The deepest nesting of a JSON text, stopping as soon as it passes `limit`: one pass, no recursion, no
 * allocation. Counts brackets outside strings only; the text need not be valid JSON (JSON.parse judges
 * that afterwards). Works on a string or on UTF-8 bytes (no multi-byte sequence contains an ASCII byte).
 */
export function jsonDepth(text: string | Uint8Array, limit = Infinity): number {
  const n = text.length;
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < n; i++) {
    const c = typeof text === 'string' ? text.charCodeAt(i) : text[i]!;
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if ((c === CLOSE_ARRAY || c === CLOSE_OBJECT) && depth > 0) depth--;
  }
  return max;
}

export const jsonTooDeepMessage = `JSON trop imbriqué (${MAX_JSON_DEPTH} niveaux au plus)`;

/** A JSON document from a file's text (BOM allowed), its depth bounded before it is parsed. */
export function parseJsonDocument(text: string): Result<unknown> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (jsonDepth(body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
    return { ok: false, errors: [{ path: '(document)', message: jsonTooDeepMessage }] };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (e) {
    return { ok: false, errors: [{ path: '(document)', message: `JSON invalide : ${(e as Error).message}` }] };
  }
}
