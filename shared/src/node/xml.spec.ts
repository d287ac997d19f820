import { attribute, attributes, attributeValues, decodeXml, XmlError, type XmlHandler, XmlScanner } from './xml.js';

/** The events a handler that captures text inside `v` and `t` sees. */
function events(chunks: string[]): string[] {
  const out: string[] = [];
  const h: XmlHandler = {
    names: ['row', 'c', 'v', 't', 'numFmt'],
    capturing: false,
    open(name, raw, selfClosing) {
      out.push(`<${name}${raw}${selfClosing ? '/' : ''}>`);
      if (name === 'v' || name === 't') h.capturing = !selfClosing;
    },
    close(name) {
      out.push(`</${name}>`);
      if (name === 'v' || name === 't') h.capturing = false;
    },
    text(raw, cdata) {
      out.push(cdata ? `cdata:${raw}` : `text:${decodeXml(raw)}`);
    },
  };
  const scanner = new XmlScanner(h, { maxToken: 1000, maxElements: 1000 });
  for (const c of chunks) scanner.write(c);
  scanner.end();
  // Text may come in pieces when a chunk ends inside it: joined, as the readers do.
  return out.reduce<string[]>((acc, e) => {
    const last = acc[acc.length - 1];
    if (last?.startsWith('text:') && e.startsWith('text:')) acc[acc.length - 1] = last + e.slice(5);
    else acc.push(e);
    return acc;
  }, []);
}

const DOC =
  '<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="urn:x"><!-- <row> in a comment -->' +
  '<numFmt formatCode="[&gt;=100]0 &quot;€&quot;" id=\'a>b\'/><x:sheetData><x:row r="1" spans="1:2">' +
  '<x:c r="A1" t="inlineStr"><x:is><x:t>a &amp; b &#233;&#x20AC;</x:t></x:is></x:c>' +
  '<x:c r="B1"><x:f>SUM(A1)</x:f><x:v>3</x:v></x:c><x:c r="C1" t="str"><x:v><![CDATA[<x>]]></x:v></x:c>' +
  '<cols><col min="1"/></cols></x:row></x:sheetData></x:worksheet>';

describe('XmlScanner', () => {
  const whole = events([DOC]);

  it('reports the wanted elements, with prefixes dropped, text decoded and CDATA as it is', () => {
    expect(whole).toEqual([
      '<numFmt formatCode="[&gt;=100]0 &quot;€&quot;" id=\'a>b\'/>',
      '<row r="1" spans="1:2">',
      '<c r="A1" t="inlineStr">',
      '<t>',
      'text:a & b é€',
      '</t>',
      '</c>',
      '<c r="B1">',
      '<v>',
      'text:3',
      '</v>',
      '</c>',
      '<c r="C1" t="str">',
      '<v>',
      'cdata:<x>',
      '</v>',
      '</c>',
      '</row>',
    ]);
  });

  it('gives the same events however the text is cut into chunks', () => {
    for (let i = 1; i < DOC.length; i++) expect(events([DOC.slice(0, i), DOC.slice(i)])).toEqual(whole);
    expect(events(DOC.split(''))).toEqual(whole);
  });

  it('refuses DTDs, unknown entities, and tokens or element counts past its bounds', () => {
    expect(() => events(['<!DOCTYPE x [<!ENTITY a "b">]><x/>'])).toThrow(XmlError);
    expect(() => decodeXml('&lol;')).toThrow('entité XML inconnue');
    expect(() => events([`<v>${'x'.repeat(2000)}`])).toThrow(/de plus de 1 000 caractères/);
    expect(() => events(['<row/>'.repeat(1001)])).toThrow(/plus de 1 000 éléments/);
    expect(() => events(['<row r="1"'])).toThrow('XML tronqué');
  });
});

describe('attributes', () => {
  it('reads single and double quotes, spaces around =, entities, qualified names', () => {
    const raw = ' r = "A1" t=\'s\'  r:id="rId&amp;1" s="3"';
    expect(attribute(raw, 'r')).toBe('A1');
    expect(attributeValues(raw, ['s', 't', 'x'])).toEqual(['3', 's', undefined]);
    expect({ ...attributes(raw) }).toEqual({ r: 'A1', t: 's', 'r:id': 'rId&1', s: '3' });
    expect(Object.getPrototypeOf(attributes(' __proto__="x"'))).toBeNull();
  });
});
