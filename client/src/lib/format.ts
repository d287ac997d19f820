/** French number and date formatting shared by the admin screens. */
export function roundHalfAway(value: number, decimals = 0): number {
  const f = 10 ** decimals;
  const x = Math.abs(value) * f;
  // Nudge by an epsilon so that 62.49999999 computed from 62.5 still rounds up.
  const r = Math.floor(x + 0.5 + 1e-9) / f;
  return value < 0 ? -r : r;
}

export function formatNumber(value: number | null | undefined, lang: string, decimals = 0): string {
  if (value == null || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(lang, { maximumFractionDigits: decimals, minimumFractionDigits: 0 }).format(value);
}

/** Always `decimals` digits after the comma ("48,0", not "48"), for columns of figures read side by side. */
export function formatFixed(value: number, lang: string, decimals: number): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: decimals, minimumFractionDigits: decimals }).format(
    value,
  );
}

export function formatDate(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}
