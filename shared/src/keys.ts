/**
 * Objects keyed by data. Question names, matrix rows, segment and group codes are strings chosen by
 * whoever wrote the bundle or the file, and `__proto__` is a legal string: assigned on a plain object it
 * replaces the object's prototype (and `o.__proto__.x = …` writes on Object.prototype, for the whole
 * process). A map keyed by data is a `Map`, or, where a JSON object is the output, an object without a
 * prototype; reads go through `ownValue` so that `toString` or `constructor` are never found on
 * Object.prototype.
 */

/**
 * Names refused wherever a bundle declares a name or a code, and in the header of a table of responses:
 * the three that reach a prototype from a key (`__proto__`; `constructor` then `prototype`). Other members
 * of Object.prototype (`toString`, `valueOf`, `hasOwnProperty`…) can only be read, never written through,
 * and every read of data is an own-property read, so they stay legal names.
 */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isForbiddenName(name: string): boolean {
  return FORBIDDEN_NAMES.has(name);
}

/** An empty object without a prototype: a map keyed by data that serialises as a JSON object. */
export function nullObject<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** The own property `key` of an object (undefined for anything inherited, or when `obj` is no object). */
export function ownValue(obj: unknown, key: string): unknown {
  return obj !== null && typeof obj === 'object' && Object.hasOwn(obj, key)
    ? (obj as Record<string, unknown>)[key]
    : undefined;
}
