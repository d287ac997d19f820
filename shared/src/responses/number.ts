/**
 * The one reading of a number written as text (spec §2 rule 8, §3), used by the answer check, the engine
 * and the CSV/XLSX readers alike, so that a value gets the same verdict everywhere.
 *
 * Accepted: `1200.5`, `1200,5`, `-3`, `+2`, `.5`, `1e3`, and thousands separated by a space, a no-break
 * space (U+00A0), a narrow no-break space (U+202F, what French typography and `Intl.NumberFormat('fr')`
 * write) or a thin space (U+2009): `1 200`, `1 200,5`, `12 000 000`. The groups after the first have three
 * digits exactly. A comma is always the decimal separator and never a thousands separator, a dot likewise:
 * a number with both (`1.200,5`, `1,200.5`) is refused, as it reads one way in French and another in
 * English (docs/formats.md).
 */

export interface NumberOptions {
  /**
   * Whether a decimal comma is read (default true). False for a CSV file delimited by `,`, whose numbers are
   * written the English way: there `"1,5"` is refused rather than guessed.
   */
  decimalComma?: boolean;
}

const PLAIN = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:e[+-]?\d+)?$/i;
const GROUPED = /^[+-]?\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?$/;
const GROUP_SEPARATORS = /[ \u00a0\u202f\u2009]/g;

/** The number a value stands for, or undefined: finite numbers as they are, strings as described above. */
export function parseNumber(value: unknown, options: NumberOptions = {}): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  // U+2212 is the minus sign of typeset (and spreadsheet-pasted) numbers.
  const t = value.trim().replace(/^\u2212/, '-');
  if (t.length === 0 || t.length > 64) return undefined;
  let plain: string;
  if (PLAIN.test(t)) plain = t;
  else if (GROUPED.test(t)) plain = t.replace(GROUP_SEPARATORS, '');
  else return undefined;
  if (plain.includes(',')) {
    if (options.decimalComma === false) return undefined;
    plain = plain.replace(',', '.');
  }
  const n = Number(plain);
  return Number.isFinite(n) ? n : undefined;
}
