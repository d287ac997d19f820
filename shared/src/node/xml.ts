/**
 * A streaming XML tokenizer for the parts of an XLSX file: elements, attributes, text, CDATA; comments and
 * processing instructions skipped; DTDs refused (no entity expansion). It checks no schema and little
 * well-formedness: the reader on top names the elements it wants, and the scanner jumps from one of them
 * to the next with a regular expression, so that a part full of other elements costs one native search
 * (a pure-JavaScript loop over them ran at ~30 MB/s). One pass, no recursion; the elements reported are
 * counted (`maxElements`), and what is kept between chunks (an unfinished tag or text) is bounded by
 * `maxToken` characters.
 */

import { formatNumberFr } from '../report/sentence.js';

export class XmlError extends Error {
  /** `limit`: the text passed a bound of the scanner (not malformed, but refused). */
  constructor(
    message: string,
    readonly limit = false,
  ) {
    super(message);
  }
}

export interface XmlHandler {
  /** Local names (prefix dropped) of the elements to report; others are skipped. */
  readonly names: readonly string[];
  /** Whether text is wanted now: text is sliced and reported only then. */
  capturing: boolean;
  /** `attrs` is the raw attribute text, read with `attribute()` or `attributes()`. */
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Raw text (entities not decoded, see `decodeXml`), or CDATA content. */
  text(raw: string, cdata: boolean): void;
}

const LT = 0x3c;
const SLASH = 0x2f;
const COLON = 0x3a;
const BANG = 0x21;
const QUESTION = 0x3f;

export class XmlScanner {
  private rest = '';
  private elements = 0;
  /** The wanted names by length, for a lookup that compares a character or two per element. */
  private readonly byLength: string[][] = [];
  /** The next wanted tag, comment, CDATA section, declaration or processing instruction. */
  private readonly next: RegExp;

  constructor(
    private readonly handler: XmlHandler,
    private readonly limits: { maxToken: number; maxElements: number },
  ) {
    for (const name of handler.names) (this.byLength[name.length] ??= []).push(name);
    this.next = new RegExp(`<(?=/?(?:[^\\s/>:]+:)?(?:${handler.names.join('|')})[\\s/>]|[!?])`, 'g');
  }

  write(chunk: string): void {
    const s = this.rest.length ? this.rest + chunk : chunk;
    const done = this.scan(s);
    this.rest = done < s.length ? s.slice(done) : '';
    if (this.rest.length > this.limits.maxToken)
      throw new XmlError(`élément ou texte XML de plus de ${formatNumberFr(this.limits.maxToken)} caractères`, true);
  }

  end(): void {
    if (this.rest.trim() !== '') throw new XmlError('XML tronqué');
  }

  /** The wanted name written at s[start, end), if any, without allocating. */
  private wanted(s: string, start: number, end: number): string | undefined {
    const candidates = this.byLength[end - start];
    if (candidates === undefined) return undefined;
    const first = s.charCodeAt(start);
    for (let j = 0; j < candidates.length; j++) {
      const name = candidates[j]!;
      if (name.charCodeAt(0) === first && (name.length === 1 || s.startsWith(name, start))) return name;
    }
    return undefined;
  }

  /**
   * Where the next wanted tag (or comment, CDATA, declaration) starts at or after `i`; -1 when there is none
   * in `s`. `test` rather than `exec`: the pattern matches the `<` alone, so nothing is allocated.
   */
  private jump(s: string, i: number): number {
    this.next.lastIndex = i;
    return this.next.test(s) ? this.next.lastIndex - 1 : -1;
  }

  /** Handles every complete token of `s`; returns where the unfinished one starts. */
  private scan(s: string): number {
    const h = this.handler;
    const n = s.length;
    let i = 0;
    while (i < n) {
      if (s.charCodeAt(i) !== LT) {
        if (h.capturing) {
          const lt = s.indexOf('<', i);
          if (lt < 0) return i;
          h.text(s.slice(i, lt), false);
          i = lt;
          continue;
        }
        const at = this.jump(s, i);
        if (at < 0) return tail(s, i);
        i = at;
      }
      if (i + 1 >= n) return i;
      const next = s.charCodeAt(i + 1);
      if (next === BANG) {
        if (s.startsWith('<!--', i)) {
          const end = s.indexOf('-->', i + 4);
          if (end < 0) return i;
          i = end + 3;
        } else if (s.startsWith('<![CDATA[', i)) {
          const end = s.indexOf(']]>', i + 9);
          if (end < 0) return i;
          if (h.capturing) h.text(s.slice(i + 9, end), true);
          i = end + 3;
        } else if (n - i < 9) return i;
        else throw new XmlError('déclaration XML refusée (DTD)');
        continue;
      }
      if (next === QUESTION) {
        const end = s.indexOf('?>', i + 2);
        if (end < 0) return i;
        i = end + 2;
        continue;
      }
      const gt = tagEnd(s, i + 1);
      if (gt < 0) return i;
      const closing = next === SLASH;
      const selfClosing = !closing && s.charCodeAt(gt - 1) === SLASH;
      const bodyEnd = selfClosing ? gt - 1 : gt;
      // The name runs to the first space or the end; its local part starts after the last colon.
      let nameStart = closing ? i + 2 : i + 1;
      let k = nameStart;
      for (; k < bodyEnd; k++) {
        const c = s.charCodeAt(k);
        if (c <= 0x20) break;
        if (c === COLON) nameStart = k + 1;
      }
      const name = this.wanted(s, nameStart, k);
      i = gt + 1;
      if (name === undefined) {
        if (h.capturing) continue;
        const at = this.jump(s, i);
        if (at < 0) return tail(s, i);
        i = at;
        continue;
      }
      if (++this.elements > this.limits.maxElements)
        throw new XmlError(`plus de ${formatNumberFr(this.limits.maxElements)} éléments XML dans une partie`, true);
      if (closing) h.close(name);
      else h.open(name, k < bodyEnd ? s.slice(k, bodyEnd) : '', selfClosing);
    }
    return i;
  }
}

/**
 * Where to resume when no wanted tag follows `i`: an unfinished tag at the end may be a wanted one whose
 * name is cut, kept for the next chunk; anything else is done with.
 */
function tail(s: string, i: number): number {
  const last = s.lastIndexOf('<');
  return last >= i && s.indexOf('>', last) < 0 ? last : s.length;
}

/** The `>` closing the tag that starts before `from`, outside quoted attribute values; -1 if not yet read. */
function tagEnd(s: string, from: number): number {
  let gt = s.indexOf('>', from);
  for (let k = from; gt >= 0 && k < gt; k++) {
    const c = s.charCodeAt(k);
    if (c !== 0x22 && c !== 0x27) continue;
    k = s.indexOf(c === 0x22 ? '"' : "'", k + 1);
    if (k < 0) return -1;
    if (k > gt) gt = s.indexOf('>', k);
  }
  return gt;
}

/**
 * Walks a raw attribute text; `each(nameStart, nameEnd, valueStart, valueEnd)` returns true to stop.
 * Positions only: nothing is sliced unless the caller wants the attribute.
 */
function eachAttribute(raw: string, each: (ns: number, ne: number, vs: number, ve: number) => boolean): void {
  const n = raw.length;
  let i = 0;
  while (i < n) {
    while (i < n && raw.charCodeAt(i) <= 0x20) i++;
    const eq = raw.indexOf('=', i);
    if (eq < 0) return;
    let nameEnd = eq;
    while (nameEnd > i && raw.charCodeAt(nameEnd - 1) <= 0x20) nameEnd--;
    let q = eq + 1;
    while (q < n && raw.charCodeAt(q) <= 0x20) q++;
    const quote = raw.charCodeAt(q);
    if (quote !== 0x22 && quote !== 0x27) throw new XmlError('attribut XML sans guillemets');
    const close = raw.indexOf(quote === 0x22 ? '"' : "'", q + 1);
    if (close < 0) throw new XmlError('attribut XML non fermé');
    if (each(i, nameEnd, q + 1, close)) return;
    i = close + 1;
  }
}

/** The decoded values of the named attributes (qualified names), in the order of `names`; one pass. */
export function attributeValues(raw: string, names: readonly string[]): (string | undefined)[] {
  const out = new Array<string | undefined>(names.length);
  if (raw === '') return out;
  let found = 0;
  eachAttribute(raw, (ns, ne, vs, ve) => {
    for (let j = 0; j < names.length; j++) {
      const name = names[j]!;
      if (name.length === ne - ns && out[j] === undefined && raw.startsWith(name, ns)) {
        out[j] = decodeXml(raw.slice(vs, ve));
        return ++found === names.length;
      }
    }
    return false;
  });
  return out;
}

/** One attribute's decoded value by qualified name, or undefined. */
export function attribute(raw: string, name: string): string | undefined {
  return attributeValues(raw, [name])[0];
}

/** All attributes by qualified name (a prototype-free record: names come from the file). */
export function attributes(raw: string): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  eachAttribute(raw, (ns, ne, vs, ve) => {
    out[raw.slice(ns, ne)] = decodeXml(raw.slice(vs, ve));
    return false;
  });
  return out;
}

const ENTITY = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text with XML's five entities and character references decoded; any other entity is an error. */
export function decodeXml(raw: string): string {
  if (!raw.includes('&')) return raw;
  if (raw.replace(ENTITY, '').includes('&')) throw new XmlError('entité XML inconnue');
  return raw.replace(ENTITY, (_, e: string) => {
    if (e[0] !== '#') return NAMED[e]!;
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    if (code > 0x10ffff) throw new XmlError('référence de caractère invalide');
    return String.fromCodePoint(code);
  });
}
