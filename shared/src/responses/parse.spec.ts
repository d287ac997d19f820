import ExcelJS from 'exceljs';
import { parseResponsesXlsx } from '../node/index.js';
import { bundleSchema } from '../bundle/schema.js';
import { makeBundle, yesNoNsp } from '../testing/factories.js';
import { watchObjectPrototype } from '../testing/prototype.js';
import { detectDelimiter, parseResponsesCsv, parseResponsesJson } from './parse.js';

const bundle = makeBundle({
  elements: [
    {
      type: 'radiogroup',
      name: 'statut',
      choices: [
        { value: 'membre', text: 'Membre' },
        { value: 'autre', text: 'Autre' },
      ],
    },
    { type: 'radiogroup', name: 'q', choices: [{ value: 'oui_tout_a_fait', text: 'Oui, tout à fait' }, ...yesNoNsp] },
    { type: 'checkbox', name: 'm', choices: ['a', 'b', 'c'], showOtherItem: true },
    { type: 'text', inputType: 'number', name: 'n' },
    { type: 'boolean', name: 'b' },
    { type: 'rating', name: 'r' },
    { type: 'matrix', name: 'mx', rows: ['r1', 'r2'], columns: [1, 2, 3] },
    { type: 'comment', name: 'txt' },
  ],
});

const ok = <T>(r: { ok: true; value: T } | { ok: false; errors: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};

describe('CSV responses', () => {
  it('detects the delimiter from the header line only', () => {
    expect(detectDelimiter('a;b;c\n1,5;2;3')).toBe(';');
    expect(detectDelimiter('a,b,c\n"x;y";2;3')).toBe(',');
    expect(detectDelimiter('"a;b",c\n')).toBe(',');
  });

  it('types cells by question: numbers with a decimal comma under ";", lists, booleans, ratings, matrix rows, labels', () => {
    const csv =
      '\ufeffid;status;statut;q;m;n;b;r;mx.r1;mx.r2;txt\n' +
      'x1;complete;membre;Oui, tout à fait;a|c;1 200,5;oui;4;3;1;"texte; avec ""guillemets"""\n' +
      'x2;partial;Autre;nsp;b;3;0;5;;2;\n';
    const [a, b] = ok(parseResponsesCsv(bundle, csv));
    expect(a).toEqual({
      id: 'x1',
      status: 'complete',
      data: {
        statut: 'membre',
        q: 'oui_tout_a_fait',
        m: ['a', 'c'],
        n: 1200.5,
        b: true,
        r: 4,
        mx: { r1: 3, r2: 1 },
        txt: 'texte; avec "guillemets"',
      },
    });
    expect(b).toEqual({
      id: 'x2',
      status: 'partial',
      data: { statut: 'autre', q: 'nsp', m: ['b'], n: 3, b: false, r: 5, mx: { r2: 2 } },
    });
  });

  it('reads comma-separated files with a dot as decimal separator', () => {
    const [a] = ok(parseResponsesCsv(bundle, 'statut,n,txt\nmembre,2.5,"a, b"\n'));
    expect(a!.data).toEqual({ statut: 'membre', n: 2.5, txt: 'a, b' });
  });

  it('accepts the one-column-per-choice layout (question/choice with 0/1)', () => {
    const rows = ok(parseResponsesCsv(bundle, 'statut;m/a;m/b;m/c;q/oui;q/non\nmembre;1;0;1;0;1\nautre;0;0;0;;\n'));
    expect(rows[0]!.data).toEqual({ statut: 'membre', m: ['a', 'c'], q: 'non' });
    expect(rows[1]!.data).toEqual({ statut: 'autre' });
  });

  it('skips empty lines and stores an "other" answer typed in as SurveyJS does: "other" and the comment', () => {
    const rows = ok(parseResponsesCsv(bundle, 'statut;m\n\nmembre;a|mon idée\n;\n'));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.data).toEqual({ statut: 'membre', m: ['a', 'other'], 'm-Comment': 'mon idée' });
  });

  it('reports an unknown column by row 1 and its name and letter, and imports nothing', () => {
    const r = parseResponsesCsv(bundle, 'statut;q;qq\nmembre;oui;x\n');
    expect(r).toEqual({
      ok: false,
      errors: [expect.objectContaining({ row: 1, column: 'qq', path: 'ligne 1, colonne « qq » (C)' })],
    });
  });

  it('reports every impossible value by row and column', () => {
    const r = parseResponsesCsv(bundle, 'statut;q;n;b;mx.r1\nmembre;peut-être;12;oui;1\nautre;oui;douze;bof;9\n');
    if (r.ok) throw new Error('expected errors');
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'q'],
      [3, 'n'],
      [3, 'b'],
      [3, 'mx.r1'],
    ]);
    expect(r.errors[0]!.message).toBe('valeur « peut-être » absente des choix de la question « q »');
    expect(r.errors[1]!.path).toBe('ligne 3, colonne « n » (C)');
  });

  it('refuses a number with a decimal comma in a comma-separated file cell that is ambiguous', () => {
    const r = parseResponsesCsv(bundle, 'statut,n\nmembre,"1,5"\n');
    expect(r.ok).toBe(false);
  });

  it('refuses duplicate columns, a bad status and an unclosed quote', () => {
    expect(parseResponsesCsv(bundle, 'statut;statut\nmembre;autre\n').ok).toBe(false);
    const bad = parseResponsesCsv(bundle, 'statut;status\nmembre;fini\n');
    expect(!bad.ok && bad.errors[0]!.column).toBe('status');
    expect(parseResponsesCsv(bundle, 'statut;txt\nmembre;"pas fermé\n').ok).toBe(false);
  });

  it('refuses a duplicate id, naming the row of its first use', () => {
    const r = parseResponsesCsv(bundle, 'id;statut\na1;membre\na2;autre\na1;autre\n');
    expect(!r.ok && r.errors).toEqual([
      expect.objectContaining({ row: 4, column: 'id', message: 'identifiant « a1 » en double (déjà ligne 2)' }),
    ]);
  });

  it('refuses an empty file', () => {
    expect(parseResponsesCsv(bundle, '').ok).toBe(false);
  });
});

describe('JSON responses', () => {
  it('accepts an array of SurveyJS data objects as complete responses', () => {
    expect(ok(parseResponsesJson(bundle, [{ statut: 'membre' }]))).toEqual([
      { status: 'complete', data: { statut: 'membre' } },
    ]);
  });

  it('names the path of a bad record', () => {
    const r = parseResponsesJson(bundle, {
      format: 'trame-responses/1',
      responses: [
        { id: 'a', status: 'complete', data: {} },
        { id: 'a', status: 'done', data: [] },
      ],
    });
    if (r.ok) throw new Error('expected errors');
    expect(r.errors.map((e) => e.path)).toEqual(['responses[1].status', 'responses[1].data', 'responses[1].id']);
  });
});

describe('XLSX responses', () => {
  async function workbook(rows: unknown[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Réponses');
    rows.forEach((r) => ws.addRow(r));
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('reads the first sheet with typed cells', async () => {
    const data = await workbook([
      ['statut', 'n', 'b', 'm', 'txt'],
      ['membre', 12.5, true, 'a|b', 'bonjour'],
      ['Autre', '3,5', 'non', null, null],
    ]);
    const rows = ok(await parseResponsesXlsx(bundle, data));
    expect(rows.map((r) => r.data)).toEqual([
      { statut: 'membre', n: 12.5, b: true, m: ['a', 'b'], txt: 'bonjour' },
      { statut: 'autre', n: 3.5, b: false },
    ]);
  });

  it('reports a bad cell by row and column', async () => {
    const r = await parseResponsesXlsx(
      bundle,
      await workbook([
        ['statut', 'n'],
        ['membre', 1],
        ['membre', 'beaucoup'],
      ]),
    );
    expect(!r.ok && r.errors[0]).toMatchObject({ row: 3, column: 'n', path: 'ligne 3, colonne « n » (B)' });
  });

  it('refuses a file that is not a workbook', async () => {
    expect((await parseResponsesXlsx(bundle, Buffer.from('not a zip'))).ok).toBe(false);
  });
});

describe('names that reach a prototype', () => {
  let proto: ReturnType<typeof watchObjectPrototype>;
  beforeEach(() => (proto = watchObjectPrototype()));
  afterEach(() => proto.restore());

  // Structure only: parseBundle refuses these names, an old stored bundle may still hold them.
  const hostile = bundleSchema.parse({
    format: 'trame-bundle/1',
    title: 'T',
    questionnaire: {
      elements: [
        { type: 'matrix', name: 'avis', valueName: '__proto__', rows: ['polluted'], columns: [1, 2] },
        { type: 'multipletext', name: 'constructor', items: [{ name: 'prototype' }] },
        { type: 'matrix', name: 'mx', rows: ['toString', 'constructor'], columns: [1, 2] },
      ],
    },
    framework: { dimensions: [] },
  });

  it.each([['__proto__.polluted'], ['constructor.prototype'], ['mx.constructor']])(
    'a CSV header %s is refused by column, and nothing reaches Object.prototype',
    (header) => {
      const r = parseResponsesCsv(hostile, `${header};mx.toString\n1;2\n`);
      expect(proto.changes()).toEqual([]);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.errors[0]).toMatchObject({
        row: 1,
        column: header,
        path: `ligne 1, colonne « ${header} » (A)`,
      });
      expect(!r.ok && r.errors[0]!.message).toMatch(/^nom interdit « (__proto__|constructor) »/);
    },
  );

  it('an XLSX header __proto__ is refused by column', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('R').addRows([
      ['mx.toString', '__proto__.polluted'],
      [1, 2],
    ]);
    const r = await parseResponsesXlsx(hostile, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(proto.changes()).toEqual([]);
    expect(!r.ok && r.errors[0]).toMatchObject({ path: 'ligne 1, colonne « __proto__.polluted » (B)' });
  });

  it('a choice value is no key: a one-hot column q/constructor is read', () => {
    const b = makeBundle({ elements: [{ type: 'checkbox', name: 'c', choices: ['constructor', 'a'] }], segments: [] });
    expect(ok(parseResponsesCsv(b, 'c/constructor;c/a\n1;0\n'))[0]!.data).toEqual({ c: ['constructor'] });
  });

  it('rows named like Object.prototype members are read as own keys', () => {
    const records = ok(parseResponsesCsv(hostile, 'mx.toString\n2\n'));
    expect(JSON.stringify(records.map((r) => r.data))).toBe('[{"mx":{"toString":2}}]');
    expect(proto.changes()).toEqual([]);
  });
});
