import { Model } from 'survey-core';
import { parseBundle } from '../bundle/validate.js';
import { evaluate } from '../engine/evaluate.js';
import { makeBundle } from '../testing/factories.js';
import { checkAnswers } from './answers.js';

/**
 * Every answer shape survey-core produces, produced by survey-core itself (its Model, as the respondent's
 * page runs it): accepted by the answer check, and counted by the engine; and the values SurveyJS would
 * never store, refused.
 */
const questionnaire = {
  elements: [
    {
      type: 'matrixdropdown',
      name: 'md',
      cellType: 'checkbox',
      choices: [1, 2, 3],
      columns: [{ name: 'x' }, { name: 't', cellType: 'text', inputType: 'number', totalType: 'sum' }],
      rows: ['r1', 'r2'],
    },
    {
      type: 'matrixdynamic',
      name: 'mdyn',
      rowCount: 1,
      columns: [{ name: 'c', cellType: 'checkbox', choices: ['a', 'b'] }],
    },
    { type: 'checkbox', name: 'cars', valuePropertyName: 'car', choices: ['BMW', 'Audi'] },
    { type: 'tagbox', name: 'tags', allowCustomChoices: true, choices: ['x'] },
    { type: 'dropdown', name: 'dd', allowCustomChoices: true, choices: ['x'] },
    {
      type: 'checkbox',
      name: 'all',
      choices: ['a', 'b'],
      showSelectAllItem: true,
      showNoneItem: true,
      showRefuseItem: true,
      showDontKnowItem: true,
    },
    { type: 'radiogroup', name: 'o', choices: ['a'], showOtherItem: true, storeOthersAsComment: false },
    { type: 'radiogroup', name: 'oc', choices: ['a'], showOtherItem: true },
    { type: 'radiogroup', name: 'n', choices: ['a'], showNoneItem: true },
    { type: 'paneldynamic', name: 'pd', templateElements: [{ type: 'text', name: 'nm' }] },
    { type: 'multipletext', name: 'mt', items: [{ name: 'a' }, { name: 'b', inputType: 'number' }] },
    {
      type: 'comment',
      name: 'why',
      visibleIf: "{cars-unwrapped} contains 'BMW' and {$o.containsErrors} = false or {oc-Comment.length} > 3",
    },
  ],
};

const bundle = makeBundle({
  questionnaire,
  segments: [],
  indicators: [
    { code: 'CARS', kind: 'distribution', question: 'cars' },
    { code: 'BMW', kind: 'percent', question: 'cars', positive: ['BMW'] },
    { code: 'ALL', kind: 'distribution', question: 'all' },
    { code: 'W', kind: 'count', question: 'dd', where: "{cars-unwrapped} contains 'BMW'" },
    { code: 'W2', kind: 'count', question: 'dd', where: "{cars} contains 'BMW'" },
  ],
});

/** One respondent's answers, given through survey-core's questions as the page does. */
function answered(): Record<string, unknown> {
  const m = new Model(questionnaire);
  const md = m.getQuestionByName('md') as unknown as { visibleRows: { cells: { question: { value: unknown } }[] }[] };
  md.visibleRows[0]!.cells[0]!.question.value = [1, 3];
  md.visibleRows[0]!.cells[1]!.question.value = 5;
  md.visibleRows[1]!.cells[1]!.question.value = 2;
  const mdyn = m.getQuestionByName('mdyn') as unknown as typeof md;
  mdyn.visibleRows[0]!.cells[0]!.question.value = ['a'];
  m.setValue('cars', [{ car: 'BMW' }]);
  m.getQuestionByName('tags').value = ['x', 'nouveau'];
  m.getQuestionByName('dd').value = 'perso';
  (m.getQuestionByName('all') as unknown as { selectAll(): void }).selectAll();
  const o = m.getQuestionByName('o') as unknown as { value: unknown; otherValue: string };
  o.value = 'other';
  o.otherValue = 'texte libre';
  const oc = m.getQuestionByName('oc') as unknown as typeof o;
  oc.value = 'other';
  oc.otherValue = 'autre chose';
  m.setValue('n', 'none');
  const pd = m.getQuestionByName('pd') as unknown as {
    addPanel(): void;
    panels: { getQuestionByName(n: string): { value: unknown } }[];
  };
  pd.addPanel();
  pd.panels[0]!.getQuestionByName('nm').value = 'Ana';
  m.setValue('mt', { a: 'x', b: 3 });
  m.setValue('why', 'parce que');
  m.doComplete();
  return m.data as Record<string, unknown>;
}

describe('answers exactly as SurveyJS gives them', () => {
  it('validates a questionnaire whose conditions use {q-unwrapped}, {$q.containsErrors}, {q-Comment.length}', () => {
    const parsed = parseBundle({
      format: 'trame-bundle/1',
      title: 't',
      questionnaire,
      framework: { dimensions: [] },
    });
    expect(parsed.ok || parsed.errors).toBe(true);
  });

  it('refuses a question property ({$q.x}) in an indicator’s condition: stored answers have none', () => {
    const parsed = parseBundle({
      format: 'trame-bundle/1',
      title: 't',
      questionnaire,
      framework: {
        dimensions: [
          {
            code: 'D',
            title: 'D',
            criteria: [
              {
                code: 'C',
                title: 'C',
                indicators: [{ code: 'I', kind: 'count', question: 'dd', where: '{$o.containsErrors} = false' }],
              },
            ],
          },
        ],
      },
    });
    expect(!parsed.ok && parsed.errors.map((e) => e.path)).toEqual([
      'framework.dimensions[0].criteria[0].indicators[0].where',
    ]);
  });

  it('accepts every shape survey-core stored, the matrix totals included', () => {
    const data = answered();
    expect(data).toMatchObject({
      'md-total': { t: 7 },
      md: { r1: { x: [1, 3], t: 5 }, r2: { t: 2 } },
      mdyn: [{ c: ['a'] }],
      cars: [{ car: 'BMW' }],
      tags: ['x', 'nouveau'],
      dd: 'perso',
      all: ['a', 'b'],
      o: 'texte libre',
      oc: 'other',
      'oc-Comment': 'autre chose',
      n: 'none',
      pd: [{ nm: 'Ana' }],
      mt: { a: 'x', b: 3 },
    });
    expect(checkAnswers(bundle, data)).toEqual([]);
  });

  it('counts a valuePropertyName answer by its value', () => {
    const results = evaluate(bundle, [{ status: 'complete', data: answered() }]);
    const [cars, bmw, all, w, w2] = results.indicators;
    // survey-core's own reading: `{cars}` is the list of objects, `{cars-unwrapped}` the values.
    expect([w!.value, w2!.value]).toEqual([1, null]);
    expect(cars!.choices!.map((c) => [c.value, c.count])).toEqual([
      ['BMW', 1],
      ['Audi', 0],
    ]);
    expect(bmw).toMatchObject({ numerator: 1, denominator: 1 });
    expect(all!.choices!.map((c) => [c.value, c.count])).toEqual([
      ['a', 1],
      ['b', 1],
      ['none', 0],
      ['refused', 0],
      ['dontknow', 0],
    ]);
  });

  it('refuses structured questions given a value of the wrong type', () => {
    for (const bad of ['texte', 42]) {
      expect(checkAnswers(bundle, { md: bad, mdyn: bad, pd: bad, mt: bad }).map((i) => i.path)).toEqual([
        'md',
        'mdyn',
        'pd',
        'mt',
      ]);
    }
    expect(
      checkAnswers(bundle, {
        md: { r1: { x: 1 }, r9: { x: [1] } },
        mdyn: [{ c: ['z'] }, 'ligne'],
        pd: [{ inconnue: 1 }],
        mt: { b: 'trois' },
        'md-total': 7,
      }),
    ).toEqual([
      { path: 'md.r1.x', message: 'une liste de valeurs est attendue' },
      { path: 'md.r9', message: 'ligne « r9 » inconnue' },
      { path: 'mdyn[0].c', message: 'valeur « z » absente des choix' },
      { path: 'mdyn[1]', message: 'un objet { colonne: valeur } est attendu' },
      { path: 'pd[0].inconnue', message: 'question inconnue « inconnue »' },
      { path: 'mt.b', message: 'nombre attendu' },
      { path: 'md-total', message: 'un objet { colonne: total } est attendu' },
    ]);
  });

  it('accepts free text only where an "other" item or custom choices allow it; special items add their values only', () => {
    expect(
      checkAnswers(bundle, {
        cars: [{ car: 'Fiat' }],
        all: ['a', 'texte libre'],
        n: 'texte libre',
        oc: 'texte libre',
      }),
    ).toEqual([
      { path: 'cars', message: 'valeur « {"car":"Fiat"} » absente des choix' },
      { path: 'all', message: 'valeur « texte libre » absente des choix' },
      { path: 'n', message: 'valeur « texte libre » absente des choix' },
      { path: 'oc', message: 'valeur « texte libre » absente des choix' },
    ]);
    expect(checkAnswers(bundle, { all: ['none'], n: 'none', o: 'n’importe quoi', tags: ['libre'] })).toEqual([]);
    expect(checkAnswers(bundle, { all: ['refused'] })).toEqual([]);
    expect(checkAnswers(bundle, { all: ['dontknow'] })).toEqual([]);
    expect(checkAnswers(bundle, { 'n-Comment': 'x' })).toEqual([
      { path: 'n-Comment', message: 'question inconnue « n-Comment »' },
    ]);
  });
});

/** A questionnaire shaped like SurveyJS's own "NPS" example: ratings, conditions on a score, "other". */
const nps = {
  pages: [
    {
      name: 'page1',
      elements: [
        { type: 'rating', name: 'nps_score', title: 'Recommanderiez-vous… ?', rateMin: 0, rateMax: 10 },
        {
          type: 'checkbox',
          name: 'promoter_features',
          visibleIf: '{nps_score} >= 9',
          choices: ['performance', 'stability', 'ui', 'complete_functionality'],
          showOtherItem: true,
          colCount: 2,
        },
        { type: 'comment', name: 'passive_experience', visibleIf: '{nps_score} > 6  and {nps_score} < 9' },
        { type: 'comment', name: 'disappointed_experience', visibleIf: '{nps_score} notempty and {nps_score} <= 6' },
      ],
    },
    {
      name: 'page2',
      elements: [{ type: 'boolean', name: 'rebuy', title: 'Achèteriez-vous encore ?' }],
    },
  ],
};

describe('a questionnaire shaped like SurveyJS’s NPS example', () => {
  const npsBundle = makeBundle({
    questionnaire: nps,
    segments: [],
    indicators: [{ code: 'F', kind: 'distribution', question: 'promoter_features' }],
  });

  it('accepts what survey-core stores, "other" text included', () => {
    const m = new Model(nps);
    m.setValue('nps_score', 10);
    const features = m.getQuestionByName('promoter_features') as unknown as { value: unknown; otherValue: string };
    features.value = ['ui', 'other'];
    features.otherValue = 'la documentation';
    m.setValue('rebuy', true);
    m.doComplete();
    expect(m.data).toEqual({
      nps_score: 10,
      promoter_features: ['ui', 'other'],
      'promoter_features-Comment': 'la documentation',
      rebuy: true,
    });
    expect(checkAnswers(npsBundle, m.data)).toEqual([]);
    const f = evaluate(npsBundle, [{ status: 'complete', data: m.data as Record<string, unknown> }]).indicators[0]!;
    expect(f.choices!.filter((c) => c.count > 0).map((c) => c.value)).toEqual(['ui', 'other']);
  });
});
