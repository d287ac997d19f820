/**
 * Watches Object.prototype during a test that feeds hostile names to a reader or to the engine: what was
 * added or changed on it, and a way to undo that so that one failing test does not break every later one.
 * (The descriptors are kept in a Map: a plain object would itself inherit what a test wrote.)
 */
export function watchObjectPrototype(): { changes(): string[]; restore(): void } {
  const snapshot = () =>
    new Map(Reflect.ownKeys(Object.prototype).map((k) => [k, Reflect.getOwnPropertyDescriptor(Object.prototype, k)!]));
  const before = snapshot();
  const changed = () => {
    const now = snapshot();
    return [...new Set([...before.keys(), ...now.keys()])].filter((k) => {
      const a = before.get(k);
      const b = now.get(k);
      return !a || !b || a.value !== b.value || a.get !== b.get || a.set !== b.set;
    });
  };
  return {
    changes: () => changed().map(String),
    restore: () => {
      for (const k of changed()) {
        const d = before.get(k);
        if (d) Object.defineProperty(Object.prototype, k, d);
        else Reflect.deleteProperty(Object.prototype, k);
      }
    },
  };
}
