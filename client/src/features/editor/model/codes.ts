/** Codes the editor makes from labels: lowercase ASCII letters, digits and underscores. */
export function slugify(label: string, fallback = 'choix'): string {
  const s = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[œŒ]/g, 'oe')
    .replace(/[æÆ]/g, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  return s || fallback;
}

/** `base`, else `base_2`, `base_3`… : the first not in `taken`. */
export function uniqueCode(base: string, taken: Iterable<string>): string {
  const set = new Set(taken);
  if (!set.has(base)) return base;
  for (let i = 2; ; i++) if (!set.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** `prefix1`, `prefix2`…: the first free numbered code ("D3", "I07" with `pad`). */
export function nextNumbered(prefix: string, taken: Iterable<string>, pad = 0): string {
  const set = new Set(taken);
  for (let i = 1; ; i++) {
    const code = `${prefix}${String(i).padStart(pad, '0')}`;
    if (!set.has(code)) return code;
  }
}

/** Choices that mean "no opinion": suggested as answers to leave out of the denominator. */
export function looksLikeDontKnow(value: unknown, text: string): boolean {
  const v = String(value).toLowerCase();
  if (['nsp', 'ne_sait_pas', 'dontknow', 'refused', 'sans_avis', 'nspp', 'nc', 'ne_se_prononce_pas'].includes(v))
    return true;
  return /ne sai[st]? pas|sans avis|ne se prononce|pas d[’']avis|je ne sais|non concern/i.test(text);
}

/** Move item `i` of a list by `delta` (−1 up, +1 down); the same list when it cannot move. */
export function move<T>(list: T[], i: number, delta: number): T[] {
  const j = i + delta;
  if (j < 0 || j >= list.length) return list;
  const out = list.slice();
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}
