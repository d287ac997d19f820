import ExcelJS from 'exceljs';
import { watchObjectPrototype } from '../testing/prototype.js';
import { deflateRepeated, zip, type Part } from '../testing/xlsx-files.js';
import { readDesignWorkbook } from './design.js';

/**
 * Time allowed for refusing a hostile file: measured at 90–300 ms alone, bounded about 15× higher so that
 * a CI machine running every test at once never trips it (1.4 s seen there), while a regression to walking
 * the padding or the declared sizes (110 s, or out of memory, before the bounded reader) still fails.
 */
const HOSTILE_MS = 5_000;

/** Hostile design workbooks and XLSForms: each costs a clear French error in well under a second. */

const HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const TAIL = '</sheetData></worksheet>';

/** A workbook of the named sheets, each given as its sheet XML (or deflated bytes with a declared size). */
function workbook(sheets: [name: string, part: Omit<Part, 'name'>][], extra: Part[] = []): Buffer {
  const wb =
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
    sheets.map(([n], i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    '</sheets></workbook>';
  const rels =
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    sheets
      .map(
        (_, i) =>
          `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join('') +
    '</Relationships>';
  return zip([
    { name: 'xl/workbook.xml', data: wb },
    { name: 'xl/_rels/workbook.xml.rels', data: rels },
    ...extra,
    ...sheets.map(([, part], i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, ...part })),
  ]);
}

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const surveyHeader = `<row r="1">${inline('A1', 'type')}${inline('B1', 'name')}${inline('C1', 'label')}</row>`;
const question = (r: number, name = `q${r}`) =>
  `<row r="${r}">${inline(`A${r}`, 'text')}${inline(`B${r}`, name)}${inline(`C${r}`, 'Question')}</row>`;

/** The result, the time it took and the growth of the heap and buffers while it ran (MB). */
async function timed(data: Buffer) {
  global.gc?.();
  const before = process.memoryUsage();
  let peak = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.heapUsed + m.arrayBuffers - before.heapUsed - before.arrayBuffers);
  };
  const sampler = setInterval(sample, 5);
  const start = performance.now();
  const result = await readDesignWorkbook(data);
  const ms = performance.now() - start;
  clearInterval(sampler);
  sample();
  return { result, ms, mb: peak / (1024 * 1024) };
}

describe('hostile design workbooks', () => {
  it('a cell in column XFD: refused at that cell, naming the sheet, row and column', async () => {
    const sheet = HEAD + surveyHeader + question(2) + `<row r="3"><c r="XFD3"><v>1</v></c></row>` + TAIL;
    const { result, ms } = await timed(workbook([['survey', { data: sheet }]]));
    expect(!result.ok && result.errors).toEqual([
      expect.objectContaining({
        path: 'ligne 3, colonne XFD',
        sheet: 'survey',
        row: 3,
        column: 'XFD',
        message: 'feuille « survey » : valeur au-delà de la colonne ALL (1 000 colonnes au plus)',
      }),
    ]);
    expect(ms).toBeLessThan(HOSTILE_MS);
  });

  it('the same cell written by ExcelJS (a declared dimension of XFD): refused before any row is read', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('survey');
    ws.addRow(['type', 'name', 'label']);
    ws.getCell(2, 16_384).value = 'x';
    const { result, ms, mb } = await timed(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(!result.ok && result.errors[0]!.message).toBe(
      'feuille « survey » : 16 384 colonnes déclarées (1 000 au plus)',
    );
    expect(ms).toBeLessThan(HOSTILE_MS);
    expect(mb).toBeLessThan(20);
  });

  it('100,000 empty rows after the questions cost little and are skipped', async () => {
    const empty = Array.from({ length: 100_000 }, (_, i) => `<row r="${i + 3}"><c r="A${i + 3}"/></row>`).join('');
    const { result, ms } = await timed(
      workbook([['survey', { data: HEAD + surveyHeader + question(2) + empty + TAIL }]]),
    );
    expect(result.ok).toBe(true);
    expect(ms).toBeLessThan(HOSTILE_MS);
  });

  it('a bomb of rows declaring a small size: refused at the row limit, by row number', async () => {
    const body = '<row><c t="inlineStr"><is><t>text</t></is></c></row>'.repeat(20_000);
    const data = deflateRepeated(HEAD + surveyHeader, body, 20, TAIL);
    const { result, ms, mb } = await timed(workbook([['survey', { data, declaredSize: 10_000 }]]));
    expect(!result.ok && result.errors[0]!.message).toBe('feuille « survey » : plus de 200 000 lignes');
    expect(ms).toBeLessThan(HOSTILE_MS);
    expect(mb).toBeLessThan(200);
  });

  it('a huge shared string is refused by its length, whatever sheet uses it', async () => {
    const strings =
      '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      `<si><t>${'x'.repeat(100_000)}</t></si></sst>`;
    const sheet = HEAD + `<row r="1"><c r="A1" t="s"><v>0</v></c></row>` + TAIL;
    const { result, ms } = await timed(
      workbook([['survey', { data: sheet }]], [{ name: 'xl/sharedStrings.xml', data: strings }]),
    );
    expect(!result.ok && result.errors[0]!.message).toBe('texte partagé n° 0 de plus de 32 767 caractères');
    expect(ms).toBeLessThan(HOSTILE_MS);
  });

  it('formulas: the value Excel computed is read, the formula never evaluated; one without a value is empty', async () => {
    const sheet =
      HEAD +
      surveyHeader +
      `<row r="2"><c r="A2" t="str"><f>LOWER("TEXT")</f><v>text</v></c>${inline('B2', 'q2')}</row>` +
      `<row r="3">${inline('A3', 'text')}<c r="B3" t="str"><f>CONCAT("a","b")</f></c></row>` +
      TAIL;
    const { result } = await timed(workbook([['survey', { data: sheet }]]));
    expect(!result.ok && result.errors).toEqual([
      expect.objectContaining({ sheet: 'survey', row: 3, column: 'name', message: 'nom manquant' }),
    ]);
  });

  it('`__proto__` as a question, a choice, a list and a sheet name: refused or harmless, Object.prototype untouched', async () => {
    const watch = watchObjectPrototype();
    try {
      const survey =
        HEAD +
        surveyHeader +
        `<row r="2">${inline('A2', 'select_one __proto__')}${inline('B2', 'q')}</row>` +
        question(3, '__proto__') +
        TAIL;
      const choices =
        HEAD +
        `<row r="1">${inline('A1', 'list_name')}${inline('B1', 'name')}${inline('C1', '__proto__')}</row>` +
        `<row r="2">${inline('A2', '__proto__')}${inline('B2', 'a')}${inline('C2', 'x')}</row>` +
        `<row r="3">${inline('A3', '__proto__')}${inline('B3', '__proto__')}</row>` +
        TAIL;
      const { result } = await timed(
        workbook([
          ['survey', { data: survey }],
          ['choices', { data: choices }],
          ['__proto__', { data: HEAD + TAIL }],
        ]),
      );
      expect(!result.ok && result.errors.map((e) => [e.path, e.message])).toEqual([
        ['feuille « choices », ligne 3, colonne « name » (B)', 'valeur de choix interdite « __proto__ »'],
        ['feuille « survey », ligne 3, colonne « name » (B)', 'nom interdit « __proto__ »'],
      ]);
      expect(watch.changes()).toEqual([]);
    } finally {
      watch.restore();
    }
  });

  it('a `surveyjs` cell that would set a prototype is refused', async () => {
    const sheet =
      HEAD +
      `<row r="1">${inline('A1', 'type')}${inline('B1', 'name')}${inline('C1', 'surveyjs')}</row>` +
      `<row r="2">${inline('A2', 'text')}${inline('B2', 'q')}${inline('C2', '{"__proto__": {"x": 1}}')}</row>` +
      TAIL;
    const { result } = await timed(workbook([['survey', { data: sheet }]]));
    expect(!result.ok && result.errors[0]).toMatchObject({
      row: 2,
      column: 'surveyjs',
      message: 'propriété interdite « __proto__ »',
    });
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  it('an archive that is not a workbook, and a workbook without a survey sheet', async () => {
    const notZip = await readDesignWorkbook(Buffer.from('PK\u0003\u0004 not really'));
    expect(!notZip.ok && notZip.errors[0]!.message).toMatch(/^fichier XLSX illisible/);
    const noSurvey = await readDesignWorkbook(workbook([['Feuil1', { data: HEAD + TAIL }]]));
    expect(!noSurvey.ok && noSurvey.errors[0]!.message).toMatch(/^feuille « survey » absente/);
  });
});
