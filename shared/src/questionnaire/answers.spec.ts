import { makeBundle, yesNoNsp } from '../testing/factories.js';
import { checkAnswers } from './answers.js';

const bundle = makeBundle({
  elements: [
    { type: 'radiogroup', name: 'statut', choices: ['membre', 'autre'] },
    { type: 'radiogroup', name: 'q', choices: yesNoNsp, showOtherItem: true },
    { type: 'checkbox', name: 'm', choices: ['a', 'b'], showNoneItem: true },
    { type: 'text', inputType: 'number', name: 'n' },
    { type: 'boolean', name: 'b' },
    { type: 'rating', name: 'r', rateMax: 10 },
    { type: 'matrix', name: 'mx', rows: ['r1'], columns: [1, 2] },
    { type: 'comment', name: 'txt' },
    { type: 'panel', name: 'pnl', elements: [{ type: 'dropdown', name: 'inner', choices: ['x'] }] },
  ],
});

describe('checkAnswers', () => {
  it('accepts what SurveyJS stores for each kind of question', () => {
    expect(
      checkAnswers(bundle, {
        statut: 'membre',
        q: 'other',
        'q-Comment': 'autre chose',
        m: ['a', 'none'],
        n: 12.5,
        b: false,
        r: 10,
        mx: { r1: 2 },
        txt: '<b>texte</b>',
        inner: 'x',
      }),
    ).toEqual([]);
  });

  it('names the question of an unknown key, a value out of the choices and a wrong type', () => {
    expect(
      checkAnswers(bundle, {
        inconnue: 1,
        statut: 'membres',
        m: 'a',
        n: 'douze',
        b: 'peut-être',
        r: 11,
        mx: { r2: 1 },
      }),
    ).toEqual([
      { path: 'inconnue', message: 'question inconnue « inconnue »' },
      { path: 'statut', message: 'valeur « membres » absente des choix' },
      { path: 'm', message: 'une liste de valeurs est attendue' },
      { path: 'n', message: 'nombre attendu' },
      { path: 'b', message: 'oui/non attendu' },
      { path: 'r', message: 'valeur « 11 » absente des choix' },
      { path: 'mx', message: 'ligne « r2 » inconnue' },
    ]);
  });

  it('refuses a body that is not an object', () => {
    expect(checkAnswers(bundle, ['a'])).toHaveLength(1);
    expect(checkAnswers(bundle, 'x')).toHaveLength(1);
  });
});
