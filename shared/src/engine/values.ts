import type { Scalar } from '../bundle/schema.js';

/** Rule 3 of the spec: an answer is present unless missing, null, an empty string or an empty list. */
export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** The values of an answer: the items of a list, or the answer itself. */
export function valuesOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/**
 * A comparison key under which `1`, `"1"` and `"1.0"` are equal, and so are `true` and `"true"`: choice
 * values typed in a bundle and values read from a file or a form must match whatever JSON type they
 * arrived in.
 */
export function valueKey(value: unknown): string {
  switch (typeof value) {
    case 'number':
      return `n:${value}`;
    case 'boolean':
      return `b:${value}`;
    case 'string': {
      const t = value.trim();
      if (NUMERIC.test(t)) return `n:${Number(t)}`;
      if (t === 'true' || t === 'false') return `b:${t}`;
      return `s:${value}`;
    }
    default:
      return `j:${JSON.stringify(value)}`;
  }
}

export function keySet(values: readonly unknown[] | undefined): Set<string> {
  return new Set((values ?? []).map(valueKey));
}

export function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
