import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parseBundle } from '../bundle/validate.js';
import { evaluate } from '../engine/evaluate.js';
import type { Results } from '../types.js';
import { blankDesignWorkbook, importEvaluationFile, readDesignWorkbook, writeDesignWorkbook } from './design.js';
import { importResponsesJson } from './import.js';
import { readXlsxSheets } from './xlsx.js';

const fixture = join(process.cwd(), 'test/fixtures/coopart');
const read = (f: string) => readFileSync(join(fixture, f), 'utf8');
const coopart = () => {
  const parsed = parseBundle(JSON.parse(read('bundle.json')));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value.bundle;
};

const ok = <T>(r: { ok: true; value: T } | { ok: false; errors: unknown[] }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.errors, null, 2));
  return r.value;
};

async function workbookOf(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('design workbook: Coop’Art round trip', () => {
  const bundle = coopart();
  let exported: Buffer;
  beforeAll(async () => {
    exported = await writeDesignWorkbook(bundle);
  });

  it('export then import gives the same bundle, field for field', async () => {
    const { bundle: back, warnings } = ok(await readDesignWorkbook(exported));
    expect(warnings).toEqual([]);
    expect(back).toEqual(bundle);
  });

  it('and so the same results on the Coop’Art responses as expected-results.json', async () => {
    const { bundle: back } = ok(await readDesignWorkbook(exported));
    const responses = ok(importResponsesJson(back, JSON.parse(read('responses.json'))));
    const results = evaluate(back, responses);
    const expected = JSON.parse(read('expected-results.json')) as Results;
    const figures = (r: Results) =>
      r.indicators.map((i) => [i.code, i.rounded, i.numerator, i.denominator, JSON.stringify(i.breakdown ?? {})]);
    expect(results.respondents).toEqual(expected.respondents);
    expect(results.indicators.map((i) => [i.code, i.rounded, i.numerator, i.denominator])).toEqual(
      expected.indicators.map((i) => [i.code, i.rounded, i.numerator, i.denominator]),
    );
    const original = evaluate(bundle, ok(importResponsesJson(bundle, JSON.parse(read('responses.json')))));
    expect(figures(results)).toEqual(figures(original));
  });

  it('lays the sheets out for people: XLSForm sheets first, frozen bold headers, drop-down lists', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'survey',
      'choices',
      'settings',
      'evaluation',
      'referentiel',
      'segments',
      'donnees_internes',
      'listes',
    ]);
    const ref = wb.getWorksheet('referentiel')!;
    expect(ref.getRow(1).font?.bold).toBe(true);
    expect(ref.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ref.getCell('I2').dataValidation).toMatchObject({ type: 'list', formulae: ['listes!$A$2:$A$9'] });
    expect(ref.getCell('J3').dataValidation?.formulae?.[0]).toMatch(/^listes!\$B\$2:\$B\$\d+$/);
    const surveySheet = wb.getWorksheet('survey')!;
    const required = (surveySheet.getRow(1).values as unknown[]).indexOf('required');
    expect(surveySheet.getCell(2, required).dataValidation?.formulae).toEqual(['listes!$D$2:$D$3']);
    expect(wb.getWorksheet('listes')!.state).toBe('hidden');
    // One row per indicator; the survey sheet as KoboToolbox writes it.
    const criteria = bundle.framework.dimensions.flatMap((d) => d.criteria);
    const empty = criteria.filter((c) => c.indicators.length === 0).length;
    expect(empty).toBeGreaterThan(0);
    expect(ref.rowCount).toBe(1 + 56 + empty);
    const survey = wb.getWorksheet('survey')!;
    expect(survey.getRow(1).values).toEqual(
      expect.arrayContaining(['type', 'name', 'label', 'required', 'relevant', 'constraint', 'appearance']),
    );
    expect(survey.getRow(2).values).toEqual(
      expect.arrayContaining(['begin_group', 'profil', 'Votre profil', 'field-list']),
    );
    const rows = survey.getSheetValues().map((r) => (Array.isArray(r) ? r.slice(1, 3) : []));
    // Lists named after their values when short, shared by the questions that have the same choices.
    expect(rows).toContainEqual(['select_one associe_non_associe', 'statut']);
    expect(rows).toContainEqual(['select_one oui_non', 'secteur_culturel']);
    expect(rows).toContainEqual(['select_one oui_non', 'habite_haute_loire']);
    expect(rows).toContainEqual(['select_multiple motivations', 'motivations']);
    expect(rows).toContainEqual(['decimal', 'montant_economies']);
  });

  it('writes relevance and constraints in XLSForm syntax', async () => {
    const read = ok(await readXlsxSheets(exported, { wanted: (n) => n === 'survey' }));
    const rows = read[0]!.rows;
    const header = rows[0]!.map(String);
    const at = (name: string, col: string) => rows.find((r) => r?.[1] === name)?.[header.indexOf(col)];
    expect(at('soutien', 'relevant')).toBe("${statut} = 'associe'");
    expect(at('embauche', 'relevant')).toBe(
      "(selected(${profil}, 'structure_culturelle') or selected(${profil}, 'porteur_projet') or selected(${profil}, 'programmateur'))",
    );
    expect(at('montant_economies', 'constraint')).toBe('. >= 0');
    expect(at('statut', 'required')).toBe('yes');
  });

  it('the blank template has every sheet and column and reads back as an error-free empty design', async () => {
    const blank = await blankDesignWorkbook();
    const sheets = ok(await readXlsxSheets(blank));
    expect(sheets.map((s) => s.name)).toContain('referentiel');
    const header = sheets.find((s) => s.name === 'referentiel')!.rows[0]!;
    expect(header).toEqual(expect.arrayContaining(['Code dimension', 'Type', 'Question', 'Réponses positives']));
    expect(sheets.find((s) => s.name === 'survey')!.rows[0]).toEqual([
      'type',
      'name',
      'label',
      'hint',
      'required',
      'required_message',
      'relevant',
      'constraint',
      'constraint_message',
      'appearance',
      'choice_filter',
      'default',
      'calculation',
      'read_only',
      'parameters',
      'repeat_count',
    ]);
    // Empty questionnaire: the one thing the bundle format refuses.
    const r = await readDesignWorkbook(blank);
    expect(!r.ok && r.errors).toEqual([
      { path: 'questionnaire', sheet: 'survey', message: 'le questionnaire ne contient aucune question' },
    ]);
  });

  it('importEvaluationFile tells a JSON bundle from a workbook', async () => {
    const json = ok(await importEvaluationFile('coopart.json', Buffer.from(read('bundle.json'))));
    expect(json.bundle.title).toBe(bundle.title);
    const xlsx = ok(await importEvaluationFile('conception.xlsx', exported));
    expect(xlsx.bundle).toEqual(bundle);
    const bad = await importEvaluationFile('x.json', Buffer.from('{"format": "trame-bundle/1"'));
    expect(bad.ok).toBe(false);
    const xls = await importEvaluationFile('vieux.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
    expect(!xls.ok && xls.errors[0]!.message).toMatch(/\.xls\) non pris en charge/);
  });
});

describe('design workbook: cells the reader refuses', () => {
  /** The Coop'Art workbook with one sheet edited. */
  async function edited(sheet: string, edit: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeDesignWorkbook(coopart())) as unknown as ArrayBuffer);
    edit(wb.getWorksheet(sheet)!);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('an unknown question in the référentiel: its sheet, row and column', async () => {
    const r = await readDesignWorkbook(await edited('referentiel', (ws) => (ws.getCell('J6').value = 'renforce')));
    expect(!r.ok && r.errors).toEqual([
      expect.objectContaining({
        sheet: 'referentiel',
        row: 6,
        column: 'Question',
        path: 'feuille « referentiel », ligne 6, colonne « Question » (J)',
        message: expect.stringContaining('question inconnue « renforce »'),
      }),
    ]);
  });

  it('a value that is not a number, an unknown kind, a bad JSON cell: every one reported, no bundle', async () => {
    const r = await readDesignWorkbook(
      await edited('referentiel', (ws) => {
        ws.getCell('W2').value = 'deux';
        ws.getCell('I3').value = 'pourcentages';
        ws.getCell('AB4').value = '{pas du json';
      }),
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'Décimales'],
      [3, 'Type'],
      [4, 'Autres champs (JSON)'],
    ]);
    expect(!r.ok && r.errors[1]!.message).toMatch(/^type d’indicateur inconnu « pourcentages »/);
  });

  it('internal data without a number, a segment value outside the question’s choices', async () => {
    const internal = await readDesignWorkbook(
      await edited('donnees_internes', (ws) => (ws.getCell('C3').value = 'trois')),
    );
    expect(!internal.ok && internal.errors[0]).toMatchObject({ sheet: 'donnees_internes', row: 3, column: 'Valeur' });
    const unknown = await readDesignWorkbook(
      await edited('segments', (ws) => {
        ws.getCell('C2').value = 'inconnue';
        ws.getCell('C3').value = 'inconnue';
      }),
    );
    expect(!unknown.ok && unknown.errors[0]!.message).toMatch(/^question inconnue « inconnue »/);
    expect(!unknown.ok && unknown.errors[0]).toMatchObject({ sheet: 'segments', row: 2, column: 'Question' });
  });

  it('a `__proto__` code or JSON key is refused, and Object.prototype is untouched', async () => {
    const r = await readDesignWorkbook(
      await edited('referentiel', (ws) => {
        ws.getCell('G2').value = '__proto__';
        ws.getCell('AB3').value = '{"__proto__": {"polluted": true}}';
      }),
    );
    expect(!r.ok && r.errors.map((e) => e.message)).toEqual([
      'code d’indicateur interdit « __proto__ »',
      'propriété interdite « __proto__ »',
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('a workbook of some other kind is refused in French', async () => {
    const other = await workbookOf((wb) => wb.addWorksheet('Feuil1').addRow(['a', 'b']));
    const r = await readDesignWorkbook(other);
    expect(!r.ok && r.errors[0]).toMatchObject({
      sheet: 'survey',
      message: expect.stringMatching(/feuille « survey » absente/),
    });
  });
});
