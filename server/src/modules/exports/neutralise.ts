/**
 * Spreadsheet formula injection (OWASP ASVS 5.0 §1.2.10): a text cell that starts with = + - @, a tab, a
 * carriage return or a NUL is prefixed with a single quote, so Excel and LibreOffice show it as text
 * instead of evaluating it. Numbers are not touched: they stay numbers.
 */
const DANGEROUS = /^[=+\-@\t\r\0]/;

export function neutralise(text: string): string {
  return DANGEROUS.test(text) ? `'${text}` : text;
}

export function cell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  return neutralise(typeof value === 'string' ? value : JSON.stringify(value));
}
