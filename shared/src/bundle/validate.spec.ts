import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBundle } from './validate.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document under test, any by nature
const coopart = (): any => JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/coopart/bundle.json'), 'utf8'));
type Doc = ReturnType<typeof coopart>;
const errorsOf = (doc: unknown) => {
  const r = parseBundle(doc);
  if (r.ok) throw new Error('expected the bundle to be refused');
  return r.errors;
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const ind = (doc: Doc, d: number, c: number, i: number): any => doc.framework.dimensions[d].criteria[c].indicators[i];

describe('parseBundle', () => {
  it("accepts the Coop'Art bundle and reports its coverage", () => {
    const r = parseBundle(coopart());
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.coverage.criteriaWithoutIndicators.map((c) => c.code)).toEqual(['C3.1', 'C3.5', 'C4.2']);
    expect(r.value.coverage.indicatorsWithoutQuestion.map((c) => c.code)).toEqual(['I10', 'I21', 'I30']);
    expect(r.value.coverage.questionsWithoutIndicator.map((q) => q.name)).toEqual([
      'exemple_concret',
      'commentaire_libre',
    ]);
  });

  it('names the path of an unknown question', () => {
    const doc = coopart();
    ind(doc, 0, 1, 0).question = 'renforce';
    expect(errorsOf(doc)).toEqual([
      { path: 'framework.dimensions[0].criteria[1].indicators[0].question', message: 'question inconnue « renforce »' },
    ]);
  });

  it('refuses a document that is not a bundle, and a missing title', () => {
    expect(errorsOf([])[0]!.path).toBe('(document)');
    const doc = coopart();
    doc.format = 'trame-bundle/2';
    delete doc.title;
    expect(
      errorsOf(doc)
        .map((e) => e.path)
        .sort(),
    ).toEqual(['format', 'title']);
  });

  it('refuses an unknown kind with the list of kinds', () => {
    const doc = coopart();
    ind(doc, 0, 0, 0).kind = 'pourcentage';
    const [e] = errorsOf(doc);
    expect(e!.path).toBe('framework.dimensions[0].criteria[0].indicators[0].kind');
    expect(e!.message).toContain('percent');
  });

  it('refuses duplicate codes', () => {
    const doc = coopart();
    ind(doc, 0, 0, 1).code = 'I01';
    doc.segments[1].groups[1].code = 'artistes';
    expect(errorsOf(doc)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'framework.dimensions[0].criteria[0].indicators[1].code',
          message: expect.stringContaining('« I01 »'),
        }),
        expect.objectContaining({ path: 'segments[1].groups[1].code' }),
      ]),
    );
  });

  it('refuses positive values that are not among the choices, and unknown matrix rows', () => {
    const doc = coopart();
    ind(doc, 0, 0, 0).positive = ['oui_tout_a_fait', 'Oui, plutôt'];
    ind(doc, 0, 0, 1).question = 'acteur_majeur.ligne';
    expect(errorsOf(doc)).toEqual([
      {
        path: 'framework.dimensions[0].criteria[0].indicators[0].positive[1]',
        message: 'valeur « Oui, plutôt » absente des choix de la question',
      },
      {
        path: 'framework.dimensions[0].criteria[0].indicators[1].question',
        message: 'question inconnue « acteur_majeur.ligne »',
      },
    ]);
  });

  it('accepts positive values outside the choices of a question that takes custom choices', () => {
    const doc = coopart();
    doc.questionnaire.pages[0].elements.push({
      type: 'tagbox',
      name: 'outils',
      choices: ['tableur'],
      allowCustomChoices: true,
    });
    doc.framework.dimensions[0].criteria[0].indicators.push({
      code: 'OUTILS',
      kind: 'percent',
      question: 'outils',
      positive: ['logiciel libre'],
    });
    const r = parseBundle(doc);
    expect(r.ok || r.errors).toBe(true);
  });

  it('refuses unknown segments, groups and internal codes', () => {
    const doc = coopart();
    ind(doc, 0, 0, 0).breakdown = ['statuts'];
    ind(doc, 0, 0, 1).population = { segment: 'statut', group: 'membres' };
    const internal = doc.framework.dimensions[0].criteria[3].indicators.find(
      (i: { kind: string }) => i.kind === 'internal',
    );
    internal.internal = 'temps';
    const paths = errorsOf(doc).map((e) => `${e.path}: ${e.message}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'framework.dimensions[0].criteria[0].indicators[0].breakdown[0]: segment inconnu « statuts »',
        'framework.dimensions[0].criteria[0].indicators[1].population.group: groupe inconnu « membres » dans le segment « statut »',
        expect.stringMatching(/indicators\[\d\]\.internal: donnée interne inconnue « temps »/),
      ]),
    );
  });

  it('refuses expressions that do not parse or name unknown questions', () => {
    const doc = coopart();
    ind(doc, 0, 0, 0).where = "{statut} = = 'associe'";
    ind(doc, 0, 0, 1).where = "{statu} = 'associe'";
    doc.questionnaire.pages[0].elements[4].visibleIf = '{habite_haute_loire = ';
    const errors = errorsOf(doc);
    expect(errors.map((e) => e.path)).toEqual([
      'questionnaire.pages[0].elements[4].visibleIf',
      'framework.dimensions[0].criteria[0].indicators[0].where',
      'framework.dimensions[0].criteria[0].indicators[1].where',
    ]);
    expect(errors[2]!.message).toBe('question inconnue « statu » dans l’expression');
  });

  it('refuses ratio references that do not resolve or go round in a cycle', () => {
    const doc = coopart();
    doc.framework.dimensions[0].criteria[0].indicators.push(
      { code: 'R1', kind: 'ratio', numerator: 'indicator:R2', denominator: 'internal:salaries' },
      { code: 'R2', kind: 'ratio', numerator: 'indicator:R1', denominator: 'respondents' },
      { code: 'R3', kind: 'ratio', numerator: 'indicator:NOPE', denominator: 'respondents:statut=x' },
    );
    const messages = errorsOf(doc).map((e) => `${e.path}: ${e.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('références circulaires entre ratios : R1 → R2 → R1'),
        expect.stringContaining('indicateur inconnu « NOPE »'),
        expect.stringContaining('groupe inconnu « x » dans le segment « statut »'),
      ]),
    );
  });

  it('refuses a ratio operand of an unknown form', () => {
    const doc = coopart();
    doc.framework.dimensions[0].criteria[0].indicators.push({
      code: 'R4',
      kind: 'ratio',
      numerator: 'respondents',
      denominator: 'nimportequoi',
    });
    expect(errorsOf(doc)[0]!.path).toBe('framework.dimensions[0].criteria[0].indicators[3].denominator');
  });

  it('keeps unknown optional fields (later versions may add them)', () => {
    const doc = coopart();
    doc.futureField = { x: 1 };
    ind(doc, 0, 0, 0).published = { overall: 98 };
    const r = parseBundle(doc);
    expect(r.ok && (r.value.bundle as Record<string, unknown>)['futureField']).toEqual({ x: 1 });
  });

  it('refuses hostile questionnaires without overflowing: deep panels, huge expressions, prototype names', () => {
    const doc = coopart();
    let panel: Record<string, unknown> = { type: 'text', name: 'deep' };
    for (let i = 0; i < 5000; i++) panel = { type: 'panel', name: `p${i}`, elements: [panel] };
    doc.questionnaire.pages[0].elements.push(panel);
    doc.questionnaire.pages[1].elements.push({ type: 'text', name: '__proto__' });
    ind(doc, 0, 0, 0).where = `${'('.repeat(1000)}{statut} = 'associe'${')'.repeat(1000)}`;
    ind(doc, 0, 0, 1).where = `{statut} = '${'x'.repeat(100000)}'`;
    const messages = errorsOf(doc).map((e) => e.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('panneaux imbriqués'),
        'nom de question interdit « __proto__ »',
        expect.stringContaining('trop imbriquée'),
        expect.stringContaining('trop longue'),
      ]),
    );
  });

  it('refuses names and codes that reach a prototype wherever they are declared, naming the path', () => {
    const doc = coopart();
    const page = doc.questionnaire.pages[0];
    page.elements[0].valueName = '__proto__';
    page.elements.push(
      { type: 'matrix', name: 'mx', rows: ['ok', { value: 'constructor', text: 'C' }], columns: ['prototype|P'] },
      { type: 'multipletext', name: 'mt', items: [{ name: '__proto__' }] },
      { type: 'matrixdropdown', name: 'md', rows: ['r'], columns: [{ name: 'constructor', cellType: 'text' }] },
      { type: 'panel', name: 'pn', questions: [{ type: 'text', name: 'prototype' }] },
    );
    doc.questionnaire.calculatedValues = [{ name: 'constructor', expression: '1' }];
    doc.segments[0].code = '__proto__';
    doc.segments[1].groups[0].code = 'constructor';
    doc.framework.dimensions[0].code = 'prototype';
    doc.framework.dimensions[0].criteria[0].code = '__proto__';
    ind(doc, 0, 0, 0).code = 'constructor';
    doc.internalData[0].code = '__proto__';
    const errors = errorsOf(doc);
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'questionnaire.pages[0].elements[0].valueName', message: 'valueName interdit « __proto__ »' },
        { path: 'questionnaire.pages[0].elements[6].rows[1].value', message: 'nom de ligne interdit « constructor »' },
        { path: 'questionnaire.pages[0].elements[6].columns[0]', message: 'nom de colonne interdit « prototype »' },
        { path: 'questionnaire.pages[0].elements[7].items[0].name', message: 'nom de élément interdit « __proto__ »' },
        {
          path: 'questionnaire.pages[0].elements[8].columns[0].name',
          message: 'nom de colonne interdit « constructor »',
        },
        {
          path: 'questionnaire.pages[0].elements[9].questions[0].name',
          message: 'nom de question interdit « prototype »',
        },
        { path: 'questionnaire.calculatedValues[0].name', message: 'nom de variable interdit « constructor »' },
        { path: 'segments[0].code', message: 'code de segment interdit « __proto__ »' },
        { path: 'segments[1].groups[0].code', message: 'code de groupe interdit « constructor »' },
        { path: 'framework.dimensions[0].code', message: 'code de dimension interdit « prototype »' },
        { path: 'framework.dimensions[0].criteria[0].code', message: 'code de critère interdit « __proto__ »' },
        {
          path: 'framework.dimensions[0].criteria[0].indicators[0].code',
          message: 'code de indicateur interdit « constructor »',
        },
        { path: 'internalData[0].code', message: 'code de donnée interne interdit « __proto__ »' },
      ]),
    );
  });

  it('accepts other Object.prototype member names: they are only ever read as own keys', () => {
    const doc = coopart();
    doc.questionnaire.pages[0].elements.push({ type: 'matrix', name: 'toString', rows: ['valueOf'], columns: [1] });
    doc.segments.push({
      code: 'valueOf',
      question: 'statut',
      groups: [{ code: 'hasOwnProperty', values: ['associe'] }],
    });
    expect(parseBundle(doc).ok).toBe(true);
  });
});
