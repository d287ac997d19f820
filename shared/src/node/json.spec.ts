import { jsonDepth, MAX_JSON_DEPTH, parseJsonDocument } from './json.js';

describe('JSON depth, before parsing', () => {
  it('counts brackets outside strings, on text and on UTF-8 bytes', () => {
    for (const [text, depth] of [
      ['{}', 1],
      ['{"a":[1,{"b":[]}]}', 4],
      ['"[[[["', 0],
      ['["\\"[[", {"é": ["]]]"]}]', 3],
      ['', 0],
    ] as const) {
      expect(jsonDepth(text)).toBe(depth);
      expect(jsonDepth(Buffer.from(text))).toBe(depth);
    }
  });

  it('stops as soon as the limit is passed', () => {
    expect(jsonDepth('['.repeat(1_000_000), 64)).toBe(65);
  });

  it('a document nested 100,000 deep is refused without parsing; 64 levels are read', () => {
    const start = performance.now();
    const deep = parseJsonDocument('['.repeat(100_000) + ']'.repeat(100_000));
    expect(performance.now() - start).toBeLessThan(50);
    expect(deep).toEqual({
      ok: false,
      errors: [{ path: '(document)', message: 'JSON trop imbriqué (64 niveaux au plus)' }],
    });
    const ok = parseJsonDocument('\ufeff' + '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH));
    expect(ok.ok).toBe(true);
    expect(parseJsonDocument('{').ok).toBe(false);
  });
});
