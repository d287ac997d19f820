import { ConditionRunner } from 'survey-core';
import { ExpressionError, surveyjsToXlsform, xlsformToSurveyjs, type QuestionKind } from './expression.js';

const kinds = new Map<string, QuestionKind>([
  ['statut', 'single'],
  ['profil', 'single'],
  ['motifs', 'multiple'],
  ['age', 'number'],
  ['nom', 'other'],
  ['enfant', 'single'],
]);
const ctx = {
  self: 'age',
  kindOf: (n: string) => kinds.get(n),
};

const toSjs = (x: string) => xlsformToSurveyjs(x, ctx);

describe('XLSForm → SurveyJS expressions', () => {
  it.each([
    ["${statut} = 'associe'", "{statut} = 'associe'"],
    ["${statut} != 'associe'", "{statut} != 'associe'"],
    ["'associe' = ${statut}", "{statut} = 'associe'"],
    ['${age} >= 18', '{age} >= 18'],
    ['18 < ${age}', '{age} > 18'],
    ['${age} <= 65.5', '{age} <= 65.5'],
    ["selected(${motifs}, 'lien')", "{motifs} contains 'lien'"],
    ["selected(${statut}, 'associe')", "{statut} = 'associe'"],
    ["not(selected(${motifs}, 'lien'))", "{motifs} notcontains 'lien'"],
    ["not(selected(${statut}, 'associe'))", "{statut} != 'associe'"],
    [
      "selected(${profil}, 'a') or selected(${profil}, 'b') or selected(${profil}, 'c')",
      "{profil} anyof ['a', 'b', 'c']",
    ],
    ["selected(${motifs}, 'a') or selected(${motifs}, 'b')", "{motifs} anyof ['a', 'b']"],
    ["${statut} = 'a' and ${age} > 3", "{statut} = 'a' and {age} > 3"],
    ["${statut} = 'a' or ${age} > 3 and ${nom} != ''", "{statut} = 'a' or {age} > 3 and {nom} notempty"],
    ["(${statut} = 'a' or ${age} > 3) and ${nom} = ''", "({statut} = 'a' or {age} > 3) and {nom} empty"],
    ["${nom} = ''", '{nom} empty'],
    ["'' != ${nom}", '{nom} notempty'],
    ["not(${nom} = '')", '{nom} notempty'],
    ["not(${statut} = 'a' and ${age} > 3)", "!({statut} = 'a' and {age} > 3)"],
    ['count-selected(${motifs}) >= 2', 'count({motifs}) >= 2'],
    ['${age} + 2 * 3 > 10', '{age} + 2 * 3 > 10'],
    ['(${age} + 2) * 3 > 10', '({age} + 2) * 3 > 10'],
    ['${age} div 2 mod 3 = 1', '{age} / 2 % 3 = 1'],
    ['${age} - (2 - 1) > 0', '{age} - (2 - 1) > 0'],
    ['-${age} < -3', '-{age} < -3'],
    ['. >= 0 and . <= 100', '{age} >= 0 and {age} <= 100'],
    ["if(${age} > 18, 'adulte', 'mineur')", "iif({age} > 18, 'adulte', 'mineur')"],
    ['true()', 'true'],
    ["${statut} = 'a' or false()", "{statut} = 'a'"],
    ['today()', 'today()'],
    ['int(${age} div 10)', 'trunc({age} / 10)'],
    ['round(${age}, 1)', 'round({age}, 1)'],
    ['${nom} = "l\'autre"', '{nom} = "l\'autre"'],
    ["${nom} > date('2020-01-31')", "{nom} > '2020-01-31'"],
    ['  ${age}>=1  ', '{age} >= 1'],
  ])('%s → %s', (xlsform, surveyjs) => {
    const out = toSjs(xlsform);
    expect(out).toBe(surveyjs);
    // What we write, SurveyJS parses.
    expect(() => new ConditionRunner(out).getVariables()).not.toThrow();
  });

  it('puts a choice’s columns in a choice_filter and folds what becomes constant', () => {
    const columns = new Map<string, string>([['pays', 'fr']]);
    const filter = (x: string, value: string) =>
      xlsformToSurveyjs(x, { ...ctx, choiceColumn: (n) => (n === 'name' ? value : columns.get(n)) });
    expect(filter('pays = ${statut}', 'paris')).toBe("{statut} = 'fr'");
    expect(filter("name != 'x'", 'x')).toBe('false');
    expect(filter("name != 'x' or ${age} > 1", 'y')).toBe('true');
    expect(() => filter('region = ${statut}', 'x')).toThrow(/colonne « region » absente/);
  });

  it('a question of the same repeat is read through {panel.…}', () => {
    expect(xlsformToSurveyjs("${enfant} = 'oui'", { ...ctx, inSameRepeat: (n) => n === 'enfant' })).toBe(
      "{panel.enfant} = 'oui'",
    );
  });

  it.each([
    ['string-length(${nom}) > 3', /string-length\(\) n’a pas d’équivalent/],
    ["jr:choice-name(${statut}, '${statut}')", /jr:choice-name/],
    ['/data/age > 3', /chemins XPath/],
    ['../age > 3', /groupe parent/],
    ['${inconnue} = 1', /question inconnue « inconnue »/],
    ['${age} >', /expression incomplète/],
    ["${age} = 'a", /non fermé/],
    ['${age} = 1)', /inattendu/],
    ['selected(${age})', /2 arguments/],
    ['selected(1, 2)', /une question en premier argument/],
    ['age > 3', /une question s’écrit \$\{age\}/],
    ['${a', /sans « } »/],
    ['1 | 2', /union/],
    ['('.repeat(200) + '1' + ')'.repeat(200), /trop imbriquée/],
    ['1 = 1 and '.repeat(500) + '1 = 1', /plus de 4000 caractères/],
  ])('%s is refused: %s', (xlsform, message) => {
    expect(() => toSjs(xlsform)).toThrow(ExpressionError);
    expect(() => toSjs(xlsform)).toThrow(message);
  });
});

describe('SurveyJS → XLSForm expressions', () => {
  it.each([
    ["{statut} = 'associe'", "${statut} = 'associe'"],
    ["{statut} == 'associe'", "${statut} = 'associe'"],
    ["{statut} <> 'associe'", "${statut} != 'associe'"],
    ["{motifs} contains 'lien'", "selected(${motifs}, 'lien')"],
    ["{motifs} notcontains 'lien'", "not(selected(${motifs}, 'lien'))"],
    ["{profil} anyof ['a', 'b']", "(selected(${profil}, 'a') or selected(${profil}, 'b'))"],
    ["{profil} anyof ['a']", "selected(${profil}, 'a')"],
    ["{profil} allof ['a', 'b']", "(selected(${profil}, 'a') and selected(${profil}, 'b'))"],
    ["{profil} noneof ['a', 'b']", "not(selected(${profil}, 'a') or selected(${profil}, 'b'))"],
    ['{nom} empty', "${nom} = ''"],
    ['{nom} notempty', "${nom} != ''"],
    ["!({statut} = 'a')", "not(${statut} = 'a')"],
    ["{statut} = 'a' && {age} > 3 || {nom} notempty", "${statut} = 'a' and ${age} > 3 or ${nom} != ''"],
    ["({statut} = 'a' or {age} > 3) and {nom} empty", "(${statut} = 'a' or ${age} > 3) and ${nom} = ''"],
    ['{age} / 2 % 3 = 1', '${age} div 2 mod 3 = 1'],
    ['{poids} >= 0 and {poids} <= 100', '. >= 0 and . <= 100'],
    ["iif({poids} > 18, 'a', 'b')", "if(. > 18, 'a', 'b')"],
    ['count({motifs}) > 1', 'count-selected(${motifs}) > 1'],
    ["{panel.enfant} = 'oui'", "${enfant} = 'oui'"],
    ['{b} = true', '${b} = true()'],
  ])('%s → %s', (surveyjs, xlsform) => {
    expect(surveyjsToXlsform(surveyjs, { self: 'poids' })).toBe(xlsform);
  });

  it.each([
    ['{matrice.ligne} = 1', /n’a pas d’équivalent XLSForm/],
    ['{q-Comment} notempty', /n’a pas d’équivalent XLSForm/],
    ['age({naissance}) > 18', /age\(\)/],
    ['{a} ^ 2 > 1', /puissance/],
    ['{a} = ', /incomplète/],
  ])('%s is refused', (surveyjs, message) => {
    expect(() => surveyjsToXlsform(surveyjs)).toThrow(message);
  });

  it('round trips: SurveyJS → XLSForm → SurveyJS gives the same condition', () => {
    for (const e of [
      "{statut} = 'associe'",
      "{profil} anyof ['structure_culturelle', 'porteur_projet', 'programmateur']",
      "{motifs} contains 'lien' and {age} >= 18",
      "{statut} != 'a' or {nom} empty",
      'count({motifs}) >= 2',
    ]) {
      expect(toSjs(surveyjsToXlsform(e))).toBe(e);
    }
  });
});
