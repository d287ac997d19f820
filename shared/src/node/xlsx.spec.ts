import ExcelJS from 'exceljs';
import { makeBundle } from '../testing/factories.js';
import { deflateRepeated, SHEET_HEAD, SHEET_TAIL, workbookWith } from '../testing/xlsx-files.js';
import type { ResponseRecord, Result } from '../types.js';
import { parseResponsesXlsx, XLSX_LIMITS } from './xlsx.js';

/**
 * Time allowed for refusing a hostile file: measured at 90–300 ms alone, bounded about 15× higher so that
 * a CI machine running every test at once never trips it (1.4 s seen there), while a regression to walking
 * the padding or the declared sizes (110 s, or out of memory, before the bounded reader) still fails.
 */
const HOSTILE_MS = 5_000;

const bundle = makeBundle({
  elements: [
    { type: 'radiogroup', name: 'statut', choices: [{ value: 'membre', text: 'Membre' }, 'autre'] },
    { type: 'text', inputType: 'number', name: 'n' },
    { type: 'boolean', name: 'b' },
    { type: 'comment', name: 'txt' },
  ],
});

const ok = (r: Result<ResponseRecord[]>): ResponseRecord[] => {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};

/** The result, the time it took and the growth of the heap and buffers while it ran. */
async function measure(data: Buffer) {
  global.gc?.();
  const before = process.memoryUsage();
  let peak = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.heapUsed + m.arrayBuffers - before.heapUsed - before.arrayBuffers);
  }, 5);
  const start = performance.now();
  const result = await parseResponsesXlsx(bundle, data);
  const ms = performance.now() - start;
  clearInterval(sampler);
  const m = process.memoryUsage();
  peak = Math.max(peak, m.heapUsed + m.arrayBuffers - before.heapUsed - before.arrayBuffers);
  return { result, ms, mb: peak / (1024 * 1024) };
}

const MB = 1024 * 1024;

describe('XLSX reader: cells as ExcelJS reads them', () => {
  it('reads shared strings, rich text, numbers, booleans, dates, formula results and hyperlinks', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Réponses');
    ws.addRow(['id', 'submittedAt', 'statut', 'n', 'b', 'txt']);
    ws.addRow(['r1', new Date('2026-03-01T10:00:00Z'), 'membre', 12.5, true, 'bonjour & <adieu>']);
    ws.addRow([
      'r2',
      null,
      { richText: [{ text: 'Mem' }, { font: { bold: true }, text: 'bre' }] },
      { formula: '1+2', result: 3 },
      'non',
      { text: 'lien', hyperlink: 'https://example.org' },
    ]);
    wb.addWorksheet('Autre').addRow(['ignorée']);
    const rows = ok(await parseResponsesXlsx(bundle, Buffer.from(await wb.xlsx.writeBuffer())));
    expect(rows).toEqual([
      {
        id: 'r1',
        status: 'complete',
        submittedAt: '2026-03-01T10:00:00.000Z',
        data: { statut: 'membre', n: 12.5, b: true, txt: 'bonjour & <adieu>' },
      },
      { id: 'r2', status: 'complete', data: { statut: 'membre', n: 3, b: false, txt: 'lien' } },
    ]);
  });

  it('reads inline strings (streaming writers) and keeps the header columns in place across gaps', async () => {
    const sheet =
      SHEET_HEAD +
      '<row r="1"><c r="A1" t="inlineStr"><is><t>statut</t></is></c><c r="C1" t="inlineStr"><is><t>n</t></is></c></row>' +
      '<row r="3"><c r="A3" t="inlineStr"><is><r><t>Mem</t></r><r><t>bre</t></r></is></c><c r="C3"><v>4</v></c></row>' +
      SHEET_TAIL;
    expect(ok(await parseResponsesXlsx(bundle, workbookWith(sheet))).map((r) => r.data)).toEqual([
      { statut: 'membre', n: 4 },
    ]);
  });

  it('names the row and column of a bad cell, as for CSV', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Réponses');
    ws.addRow(['statut', 'n']);
    ws.addRow(['membre', 'beaucoup']);
    const r = await parseResponsesXlsx(bundle, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(!r.ok && r.errors[0]).toMatchObject({ row: 2, column: 'n', path: 'ligne 2, colonne « n » (B)' });
  });

  it('refuses what is not a workbook', async () => {
    const r = await parseResponsesXlsx(bundle, Buffer.from('not a zip'));
    expect(!r.ok && r.errors[0]!.message).toMatch(/^fichier XLSX illisible/);
  });
});

describe('XLSX reader: hostile files cost a refusal in well under a second', () => {
  it('2,000 rows with one cell in column XFD (11.8 KB written by ExcelJS)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Réponses');
    ws.getCell(1, 1).value = 'statut';
    for (let r = 1; r <= 2000; r++) ws.getCell(r, 16_384).value = 'x';
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const { result, ms, mb } = await measure(data);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toMatchObject({
      path: 'dimension A1:XFD2000',
      message: 'feuille « Réponses » : 16 384 colonnes déclarées (1 000 au plus)',
    });
    expect(ms).toBeLessThan(HOSTILE_MS);
    expect(mb).toBeLessThan(50);
  });

  it('the same without a declared dimension: refused at the first cell past the last column', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `<row r="${i + 1}"><c r="XFD${i + 1}"><v>1</v></c></row>`);
    const { result, ms } = await measure(workbookWith(SHEET_HEAD + rows.join('') + SHEET_TAIL));
    expect(!result.ok && result.errors[0]).toMatchObject({
      path: 'ligne 1, colonne XFD',
      row: 1,
      message: 'feuille « Réponses » : valeur au-delà de la colonne ALL (1 000 colonnes au plus)',
    });
    expect(ms).toBeLessThan(HOSTILE_MS);
  });

  const bomb = (body: string, honest: boolean) => {
    const times = 300;
    const size = SHEET_HEAD.length + body.length * times + SHEET_TAIL.length;
    const data = deflateRepeated(SHEET_HEAD, body, times, SHEET_TAIL);
    return workbookWith(data, honest ? size : 10_000);
  };
  const MiB = (n: number) => n * MB;
  const emptyCells = '<c/>'.repeat(MiB(1) / 4);

  it('a small zip inflating to 300 MB is refused by its declared size, before inflating', async () => {
    const data = bomb(emptyCells, true);
    expect(data.length).toBeLessThan(MiB(1));
    const { result, ms, mb } = await measure(data);
    expect(!result.ok && result.errors[0]!.message).toBe(
      'fichier XLSX refusé : la partie xl/worksheets/sheet1.xml dépasse 32 Mo une fois décompressée',
    );
    expect(ms).toBeLessThan(HOSTILE_MS);
    expect(mb).toBeLessThan(20);
  });

  it('the same bomb declaring a small size: refused while inflating, by the count of cells', async () => {
    const { result, ms, mb } = await measure(bomb(emptyCells, false));
    expect(!result.ok && result.errors[0]!.message).toBe('feuille « Réponses » : plus de 1 000 000 cellules');
    expect(ms).toBeLessThan(HOSTILE_MS);
    expect(mb).toBeLessThan(200);
  });

  it('a lying bomb of rows: refused at the first value past the last row', async () => {
    const { result, ms, mb } = await measure(bomb('<row><c><v>1</v></c></row>'.repeat(40_000), false));
    expect(!result.ok && result.errors[0]).toMatchObject({ path: 'ligne 200001', row: 200_001 });
    expect(ms).toBeLessThan(HOSTILE_MS);
    expect(mb).toBeLessThan(200);
  });

  it('a lying bomb of elements the reader ignores: refused at the inflated size limit', async () => {
    const { result, ms, mb } = await measure(bomb('<x/>'.repeat(MiB(1) / 4), false));
    expect(!result.ok && result.errors[0]!.message).toMatch(/dépasse 32 Mo une fois décompressée/);
    expect(ms).toBeLessThan(HOSTILE_MS);
    expect(mb).toBeLessThan(200);
  });

  it('a lying bomb of whitespace (skipped), or of one endless text (cut at the cell bound)', async () => {
    const blank = await measure(bomb(' '.repeat(MiB(1)), false));
    expect(!blank.result.ok && blank.result.errors[0]!.message).toMatch(/dépasse 32 Mo une fois décompressée/);
    expect(blank.ms).toBeLessThan(HOSTILE_MS);
    const text = await measure(bomb('<c><v>' + 'x'.repeat(MiB(1)), false));
    expect(!text.result.ok && text.result.errors[0]!.message).toMatch(/cellule de plus de 32 767 caractères/);
    expect(text.ms).toBeLessThan(HOSTILE_MS);
  });

  it('a cell longer than Excel allows, and a DTD, are refused', async () => {
    const long = `${SHEET_HEAD}<row r="1"><c r="B1" t="inlineStr"><is><t>${'x'.repeat(XLSX_LIMITS.cellChars + 1)}</t></is></c></row>${SHEET_TAIL}`;
    const r = await parseResponsesXlsx(bundle, workbookWith(long));
    expect(!r.ok && r.errors[0]).toMatchObject({ path: 'ligne 1, colonne B' });
    const dtd = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>${SHEET_HEAD}${SHEET_TAIL}`;
    const d = await parseResponsesXlsx(bundle, workbookWith(dtd));
    expect(!d.ok && d.errors[0]!.message).toBe('fichier XLSX illisible (déclaration XML refusée (DTD))');
  });
});
