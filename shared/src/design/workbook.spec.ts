import type { Bundle } from '../bundle/schema.js';
import { parseBundle } from '../bundle/validate.js';
import type { SheetData } from './sheet.js';
import { designSheets, readDesignSheets } from './workbook.js';

/** The design workbook's sheets as the reader gets them back from a file: header row, then the rows. */
const asRead = (bundle: Bundle | null): SheetData[] =>
  designSheets(bundle).map((s) => ({ name: s.name, rows: [s.columns.map((c) => c.header), ...s.rows] }));

function bundleOf(doc: Record<string, unknown>): Bundle {
  const parsed = parseBundle({ format: 'trame-bundle/1', title: 'T', framework: { dimensions: [] }, ...doc });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value.bundle;
}

function roundTrip(bundle: Bundle) {
  const r = readDesignSheets(asRead(bundle));
  if (!r.ok) throw new Error(JSON.stringify(r.errors, null, 2));
  return r.value;
}

describe('design workbook: what XLSForm cannot say survives the round trip', () => {
  it('SurveyJS types and properties XLSForm lacks, several languages, every indicator kind', () => {
    const bundle = bundleOf({
      locale: 'fr',
      questionnaire: {
        title: { default: 'Survey', fr: 'Enquête' },
        locale: 'fr',
        showProgressBar: 'top',
        clearInvisibleValues: 'onHidden',
        pages: [
          {
            name: 'p1',
            title: { default: 'First', fr: 'Première' },
            elements: [
              { type: 'boolean', name: 'membre', title: { default: 'Member?', fr: 'Membre ?' }, isRequired: true },
              {
                type: 'matrix',
                name: 'avis',
                columns: [1, 2, 3],
                rows: [
                  { value: 'accueil', text: 'Accueil' },
                  { value: 'prix', text: 'Prix' },
                ],
                visibleIf: '{membre} = true',
              },
              { type: 'rating', name: 'note', rateValues: [1, 2, 3, 5, 8], defaultValue: 3 },
              { type: 'rating', name: 'reco', rateMin: 0, rateMax: 10 },
              {
                type: 'dropdown',
                name: 'ville',
                choices: ['Le Puy', { value: 'autre', text: { default: 'Other', fr: 'Autre' } }],
                showOtherItem: true,
              },
              { type: 'tagbox', name: 'tags', choices: ['a', 'b'], choicesOrder: 'random', defaultValue: ['a'] },
              {
                type: 'text',
                name: 'courriel',
                inputType: 'email',
                validators: [{ type: 'email', text: 'Adresse invalide' }],
              },
              { type: 'text', name: 'code', validators: [{ type: 'text', minLength: 2, maxLength: 8 }] },
              { type: 'text', name: 'ma question', visibleIf: '{code} notempty' },
              {
                type: 'text',
                name: 'n',
                title: 'Combien, {courriel} ? {pas_une_question}',
                inputType: 'number',
                step: 1,
                min: 0,
                max: 10,
                minErrorText: 'Trop petit',
              },
              {
                type: 'text',
                name: 'x',
                inputType: 'number',
                validators: [{ type: 'expression', expression: '{x} empty or ({x} % 2 = 0)', text: 'Pair' }],
              },
              { type: 'html', name: 'info', html: '<b>Info</b>', visibleIf: '{avis.accueil} = 1 or {membre} = true' },
              { type: 'expression', name: 'calc', expression: '{n} * 2' },
              {
                type: 'paneldynamic',
                name: 'enfants',
                templateTitle: 'Enfant {panelIndex}',
                panelCount: 2,
                templateElements: [
                  { type: 'text', name: 'prenom', visibleIf: '{panel.age} notempty' },
                  { type: 'text', name: 'age' },
                ],
              },
              {
                type: 'panel',
                name: 'bloc',
                state: 'collapsed',
                elements: [{ type: 'comment', name: 'mot', maxLength: 300, requiredIf: '{membre} = true' }],
              },
            ],
          },
          {
            name: 'p2',
            visibleIf: "{ville} anyof ['Le Puy', 'other']",
            elements: [{ type: 'radiogroup', name: 'q', choices: [1, 2], defaultValue: 2 }],
          },
        ],
        calculatedValues: [{ name: 'double', expression: '{n} * 2' }],
      },
      segments: [
        {
          code: 'membre',
          label: 'Membre',
          question: 'membre',
          ordre: 2,
          groups: [
            { code: 'oui', values: [true] },
            { code: 'non', label: 'Non', values: [false], color: 'grey' },
          ],
        },
        { code: 'ville', question: 'ville', groups: [{ code: 'puy', values: ['Le Puy', 'other'] }] },
      ],
      internalData: [
        { code: 'budget', label: 'Budget', value: 1200.5, unit: '€', period: '2025', source: 'Comptes' },
        { code: 'salaries', label: 'Salariés', value: 3 },
      ],
      framework: {
        title: 'Référentiel',
        dimensions: [
          {
            code: 'D1',
            title: 'Dimension 1',
            description: 'Décrite',
            ordre: 1,
            criteria: [
              {
                code: 'C1',
                title: 'Critère 1',
                indicators: [
                  {
                    code: 'I1',
                    kind: 'percent',
                    question: 'q',
                    positive: [1],
                    exclude: [2],
                    breakdown: ['membre', 'ville'],
                    decimals: 1,
                    target: 80,
                    baseline: 60,
                    statement: 'disent oui',
                  },
                  {
                    code: 'I2',
                    kind: 'percent',
                    positiveIf: "{membre} = true and {ville} = 'Le Puy'",
                    population: { segment: 'ville', group: 'puy' },
                    where: '{n} > 1',
                  },
                  { code: 'I3', kind: 'count', question: 'tags' },
                  { code: 'I4', kind: 'sum', question: 'n', unit: 'h' },
                  { code: 'I5', kind: 'mean', question: 'n' },
                  { code: 'I6', kind: 'median', question: 'n', exclude: [0] },
                  { code: 'I7', kind: 'distribution', question: 'ville', choices: ['Le Puy', 'other'] },
                  { code: 'I8', kind: 'internal', internal: 'budget', published: { overall: 1200 } },
                  {
                    code: 'I9',
                    kind: 'ratio',
                    numerator: 'indicator:I4',
                    denominator: 'internal:salaries',
                    factor: 100,
                  },
                  { code: 'I10', kind: 'ratio', numerator: 'respondents:membre=oui', denominator: 'respondents' },
                ],
              },
              { code: 'C2', title: 'Critère sans indicateur', poids: 2 },
            ],
          },
          { code: 'D2', title: 'Dimension sans critère', couleur: 'vert' },
        ],
      },
    });
    const { bundle: back, warnings } = roundTrip(bundle);
    expect(warnings).toEqual([]);
    const normalised = (b: Bundle) => {
      // Plain string choices come back as { value } items: the same choices for SurveyJS.
      const s = JSON.stringify(b).replace(/"choices":\["Le Puy",/, '"choices":[{"value":"Le Puy"},');
      return JSON.parse(
        s
          .replace(/"choices":\["a","b"\]/, '"choices":[{"value":"a"},{"value":"b"}]')
          .replace(/"choices":\[1,2\]/, '"choices":[{"value":1},{"value":2}]'),
      ) as unknown;
    };
    expect(back).toEqual(normalised(bundle));
    // And a second round trip changes nothing.
    expect(roundTrip(back).bundle).toEqual(back);
  });

  it('writes XLSForm for what XLSForm can say, JSON only for the rest', () => {
    const bundle = bundleOf({
      questionnaire: {
        pages: [
          {
            name: 'p',
            elements: [
              { type: 'rating', name: 'reco', rateMin: 0, rateMax: 10, rateStep: 1 },
              { type: 'text', name: 'n', inputType: 'number', step: 1, min: 0, max: 10 },
              { type: 'boolean', name: 'ok', renderAs: 'checkbox', valueTrue: 'OK' },
              { type: 'comment', name: 'mot', visibleIf: '{n} >= 3' },
              { type: 'text', name: 'code', validators: [{ type: 'text', maxLength: 8 }] },
            ],
          },
        ],
      },
    });
    const survey = asRead(bundle).find((s) => s.name === 'survey')!.rows;
    const header = survey[0] as string[];
    const pick = (...cols: string[]) => survey.slice(1).map((r) => cols.map((c) => r[header.indexOf(c)] ?? null));
    expect(pick('type', 'name', 'constraint', 'parameters', 'relevant', 'appearance')).toEqual([
      ['begin_group', 'p', null, null, null, 'field-list'],
      ['range', 'reco', null, 'start=0 end=10 step=1', null, null],
      ['integer', 'n', '. >= 0 and . <= 10', null, null, null],
      ['acknowledge', 'ok', null, null, null, null],
      ['text', 'mot', null, null, '${n} >= 3', 'multiline'],
      ['text', 'code', 'string-length(.) <= 8', null, null, null],
      ['end_group', null, null, null, null, null],
    ]);
    expect(header).not.toContain('surveyjs');
  });

  it('a sheet of thousands of bad rows lists the first 200 errors and counts the others', () => {
    const rows = [['type', 'name'], ...Array.from({ length: 5000 }, (_, i) => ['select_one absente', `q${i}`])];
    const r = readDesignSheets([{ name: 'survey', rows }]);
    expect(!r.ok && r.errors.length).toBe(201);
    expect(!r.ok && r.errors[200]).toEqual({
      path: '(fichier)',
      sheet: 'survey',
      message: '… et 4800 autres erreurs non listées',
    });
  });

  it('the evaluation sheet is read with or without its header row; an unknown field is a warning', () => {
    const survey = {
      name: 'survey',
      rows: [
        ['type', 'name'],
        ['text', 'q'],
      ],
    };
    const withHeader = readDesignSheets([
      survey,
      {
        name: 'evaluation',
        rows: [
          ['Champ', 'Valeur'],
          ['Titre de l’évaluation', 'Avec'],
          ['Couleur', 'bleu'],
        ],
      },
    ]);
    expect(
      withHeader.ok && [withHeader.value.bundle.title, withHeader.value.warnings.map((w) => [w.row, w.message])],
    ).toEqual(['Avec', [[3, 'champ « Couleur » inconnu : ignoré']]]);
    const without = readDesignSheets([
      survey,
      {
        name: 'evaluation',
        rows: [
          ['titre', 'Sans'],
          ['Seuil de petit échantillon', 'dix'],
        ],
      },
    ]);
    expect(!without.ok && without.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, 'Valeur', 'seuil de petit échantillon : nombre entier attendu, « dix » lu'],
    ]);
  });

  it('errors in Trame’s sheets are placed on their sheet, row and column, all of them, and no bundle', () => {
    const bundle = bundleOf({
      questionnaire: { pages: [{ name: 'p', elements: [{ type: 'radiogroup', name: 'q', choices: ['a', 'b'] }] }] },
      segments: [{ code: 's', question: 'q', groups: [{ code: 'g', values: ['a'] }] }],
      framework: {
        dimensions: [
          {
            code: 'D',
            title: 'D',
            criteria: [
              { code: 'C', title: 'C', indicators: [{ code: 'I', kind: 'percent', question: 'q', positive: ['a'] }] },
            ],
          },
        ],
      },
    });
    const sheets = asRead(bundle);
    const ref = sheets.find((s) => s.name === 'referentiel')!;
    const h = ref.rows[0] as string[];
    const row = [...ref.rows[1]!];
    row[h.indexOf('Réponses positives')] = 'c';
    row[h.indexOf('Condition sur la population')] = '{q} = ';
    row[h.indexOf('Ventilation par segments')] = 'inconnu';
    ref.rows[1] = row;
    ref.rows.push([
      'D',
      'Autre titre',
      null,
      'C',
      null,
      null,
      'I2',
      null,
      'ratio',
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      'internal:x',
      'respondents',
    ]);
    const r = readDesignSheets(sheets);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => [e.row, e.column])).toEqual([[3, 'Dimension']]);
    ref.rows[2]![1] = 'D';
    const r2 = readDesignSheets(sheets);
    expect(
      !r2.ok &&
        r2.errors.map((e) => [
          (e as { sheet?: string }).sheet,
          e.row,
          e.column,
          e.message.replace(/ \(framework.*\)$/, ''),
        ]),
    ).toEqual([
      ['referentiel', 2, 'Ventilation par segments', 'segment inconnu « inconnu »'],
      ['referentiel', 2, 'Condition sur la population', expect.any(String)],
      ['referentiel', 2, 'Réponses positives', 'valeur « c » absente des choix de la question'],
      ['referentiel', 3, 'Numérateur', 'donnée interne inconnue « x »'],
    ]);
  });
});
