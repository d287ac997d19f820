import type { SheetCell, SheetData } from './sheet.js';
import { xlsformToQuestionnaire } from './xlsform.js';

type Json = Record<string, unknown>;

/** Sheets from a header row and rows of cells, as the XLSX reader gives them (`rows[0]` is row 1). */
const sheet = (name: string, header: string[], ...rows: SheetCell[][]): SheetData => ({
  name,
  rows: [header, ...rows],
});
const survey = (header: string[], ...rows: SheetCell[][]) => sheet('survey', header, ...rows);

function read(...sheets: SheetData[]) {
  const r = xlsformToQuestionnaire(sheets);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}
function errors(...sheets: SheetData[]) {
  const r = xlsformToQuestionnaire(sheets);
  if (r.ok) throw new Error('expected errors');
  return r.errors.map((e) => [e.row, e.column, e.message]);
}
const elements = (q: Json) => (q['pages'] as { elements: Json[] }[]).flatMap((p) => p.elements);

describe('XLSForm reader: questions', () => {
  it('reads required as ODK does: yes, true, TRUE(), 1 (and a boolean cell); no and empty are optional', () => {
    const { questionnaire } = read(
      survey(
        ['type', 'name', 'required'],
        ['text', 'a', 'yes'],
        ['text', 'b', 'TRUE()'],
        ['text', 'c', true],
        ['text', 'd', 1],
        ['text', 'e', 'no'],
        ['text', 'f', null],
      ),
    );
    expect(elements(questionnaire).map((e) => e['isRequired'] ?? false)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('types defaults by question: numbers, space-separated multiple choices, expressions', () => {
    const { questionnaire } = read(
      survey(
        ['type', 'name', 'default'],
        ['integer', 'n', '3'],
        ['select_multiple l', 'm', 'a b'],
        ['text', 't', 'bonjour'],
        ['text', 'x', '${t}'],
      ),
      sheet('choices', ['list_name', 'name'], ['l', 'a'], ['l', 'b']),
    );
    expect(elements(questionnaire).map((e) => e['defaultValue'] ?? e['defaultValueExpression'])).toEqual([
      3,
      ['a', 'b'],
      'bonjour',
      '{t}',
    ]);
  });

  it('reads the older spellings `select one L` and `begin group`, and any case', () => {
    const { questionnaire } = read(
      survey(
        ['Type', 'Name', 'Label'],
        ['begin group', 'g', 'G'],
        ['select one l', 'a', 'A'],
        ['Select_Multiple l', 'b', 'B'],
        ['end group', null, null],
      ),
      sheet('choices', ['list_name', 'name'], ['l', 'x']),
    );
    expect(elements(questionnaire).map((e) => [e['type'], e['name']])).toEqual([
      ['radiogroup', 'a'],
      ['checkbox', 'b'],
    ]);
  });

  it('keeps choice values as the cells type them (numbers stay numbers) and the list order', () => {
    const { questionnaire } = read(
      survey(['type', 'name', 'label'], ['select_one n', 'note', 'Note']),
      sheet('choices', ['list name', 'name', 'label'], ['n', 1, 'Un'], ['n', 2, 'Deux'], ['n', 'nsp', 'NSP']),
    );
    expect(elements(questionnaire)[0]!['choices']).toEqual([
      { value: 1, text: 'Un' },
      { value: 2, text: 'Deux' },
      { value: 'nsp', text: 'NSP' },
    ]);
  });

  it('text lengths, regular expressions and other constraints become SurveyJS validators', () => {
    const { questionnaire } = read(
      survey(
        ['type', 'name', 'constraint', 'constraint_message'],
        ['text', 'code', 'string-length(.) >= 3 and string-length(.) < 11', 'De 3 à 10 caractères'],
        ['text', 'cp', "regex(., '^[0-9]{5}$')", null],
        ['integer', 'n', '. > 0 and . != 13', null],
      ),
    );
    expect(elements(questionnaire).map((e) => e['validators'])).toEqual([
      [{ type: 'text', minLength: 3, maxLength: 10, text: 'De 3 à 10 caractères' }],
      [{ type: 'regex', regex: '^[0-9]{5}$' }],
      [{ type: 'expression', expression: '{n} empty or ({n} > 0 and {n} != 13)' }],
    ]);
  });

  it('hidden fields and calculations are calculated values stored with the answers', () => {
    const { questionnaire, warnings } = read(
      survey(
        ['type', 'name', 'default', 'calculation'],
        ['integer', 'n', null, null],
        ['hidden', 'source', 'papier', null],
        ['calculate', 'double', null, '${n} * 2'],
        ['calculate', 'longueur', null, 'string-length(${source})'],
      ),
    );
    expect(questionnaire['calculatedValues']).toEqual([
      { name: 'source', expression: "'papier'", includeIntoResult: true },
      { name: 'double', expression: '{n} * 2', includeIntoResult: true },
    ]);
    expect(warnings.map((w) => [w.row, w.column])).toEqual([[5, 'calculation']]);
    expect(warnings[0]!.message).toMatch(
      /string-length\(\) n’a pas d’équivalent SurveyJS\) : le calcul est abandonné$/,
    );
  });

  it('warns of a condition it cannot translate, naming the question kept visible', () => {
    const { questionnaire, warnings } = read(
      survey(['type', 'name', 'relevant'], ['text', 'a', null], ['text', 'b', '${inconnue} = 1']),
    );
    expect(elements(questionnaire)[1]!['visibleIf']).toBeUndefined();
    expect(warnings).toEqual([
      expect.objectContaining({
        sheet: 'survey',
        row: 3,
        column: 'relevant',
        message:
          'expression « ${inconnue} = 1 » non traduite (question inconnue « inconnue ») : l’élément sera toujours affiché',
      }),
    ]);
  });

  it('a KoboToolbox export: names it made itself are in `$autoname`, its own columns are ignored', () => {
    const { questionnaire } = read(
      survey(
        ['type', 'name', 'label', '$kuid', '$autoname'],
        ['text', null, 'Sans nom', 'k1', 'sans_nom'],
        ['integer', 'age', 'Âge', 'k2', 'age'],
      ),
    );
    expect(elements(questionnaire).map((e) => e['name'])).toEqual(['sans_nom', 'age']);
  });

  it('a condition on a question left out is left out too, with a warning', () => {
    const { questionnaire, warnings } = read(
      survey(['type', 'name', 'relevant'], ['geopoint', 'lieu', null], ['text', 'adresse', "${lieu} = ''"]),
    );
    expect(elements(questionnaire)).toEqual([{ type: 'text', name: 'adresse' }]);
    expect(warnings.map((w) => [w.row, w.column, w.message])).toEqual([
      [2, 'type', expect.stringMatching(/^type « geopoint » non pris en charge/)],
      [
        3,
        'relevant',
        "expression « ${lieu} = '' » non traduite (la question « lieu » (ligne 2) n’est pas importée) : l’élément sera toujours affiché",
      ],
    ]);
  });

  it('choices from a file, metadata and media are left out with a warning each', () => {
    const { questionnaire, warnings } = read(
      survey(
        ['type', 'name', 'media::image::English (en)'],
        ['select_one_from_file communes.csv', 'commune', null],
        ['deviceid', 'appareil', null],
        ['audio', 'voix', null],
        ['text', 'ok', 'logo.png'],
      ),
    );
    expect(elements(questionnaire).map((e) => e['name'])).toEqual(['ok']);
    expect(warnings.map((w) => [w.row, w.column])).toEqual([
      [5, 'media::image::English (en)'],
      [2, 'type'],
      [3, 'type'],
      [4, 'type'],
    ]);
    expect(warnings[1]!.message).toMatch(/^choix lus dans un fichier externe/);
  });
});

describe('XLSForm reader: structure', () => {
  it('nests groups in groups and repeats, and pages top-level groups', () => {
    const { questionnaire } = read(
      survey(
        ['type', 'name', 'label'],
        ['begin_group', 'p', 'Page'],
        ['begin_group', 'g', 'Groupe'],
        ['begin_repeat', 'r', 'Répétition'],
        ['begin_group', 'gg', 'Dans la répétition'],
        ['text', 'x', 'X'],
        ['end_group', null, null],
        ['end_repeat', null, null],
        ['end_group', null, null],
        ['end_group', null, null],
      ),
    );
    expect(questionnaire['pages']).toEqual([
      {
        name: 'p',
        title: 'Page',
        elements: [
          {
            type: 'panel',
            name: 'g',
            title: 'Groupe',
            elements: [
              {
                type: 'paneldynamic',
                name: 'r',
                title: 'Répétition',
                templateElements: [
                  {
                    type: 'panel',
                    name: 'gg',
                    title: 'Dans la répétition',
                    elements: [{ type: 'text', name: 'x', title: 'X' }],
                  },
                ],
              },
            ],
          },
        ],
      },
    ]);
  });

  it('a repeat’s questions are reached from inside it only; a calculation in a repeat is left out', () => {
    const { questionnaire, warnings } = read(
      survey(
        ['type', 'name', 'relevant', 'calculation'],
        ['begin_repeat', 'enfants', null, null],
        ['integer', 'age', null, null],
        ['text', 'ecole', '${age} < 18', null],
        ['calculate', 'double', null, '${age} * 2'],
        ['end_repeat', null, null, null],
        ['text', 'apres', '${age} > 3', null],
      ),
    );
    const repeat = elements(questionnaire)[0] as { templateElements: Json[] };
    expect(repeat.templateElements.map((e) => [e['name'], e['visibleIf']])).toEqual([
      ['age', undefined],
      ['ecole', '{panel.age} < 18'],
    ]);
    expect(questionnaire['calculatedValues']).toBeUndefined();
    expect(warnings.map((w) => [w.row, w.column, w.message])).toEqual([
      [
        5,
        'type',
        '« calculate » dans une répétition non pris en charge (une valeur par répétition) : « double » est ignoré',
      ],
      [
        7,
        'relevant',
        'expression « ${age} > 3 » non traduite (la question « age » est dans la répétition « enfants ») : l’élément sera toujours affiché',
      ],
    ]);
  });

  it('a hidden field’s default is a constant, quoted as SurveyJS reads it', () => {
    const { questionnaire } = read(
      survey(['type', 'name', 'default'], ['text', 'q', null], ['hidden', 'h', "l'atelier"]),
    );
    expect(questionnaire['calculatedValues']).toEqual([
      { name: 'h', expression: '"l\'atelier"', includeIntoResult: true },
    ]);
  });

  it('refuses unbalanced groups, a select without its list, duplicate names and choices, missing names', () => {
    expect(
      errors(
        survey(
          ['type', 'name'],
          ['end_group', null],
          ['begin_repeat', 'r'],
          ['end_group', null],
          ['select_one', 'a'],
          ['select_multiple absente', 'b'],
          ['text', 'b'],
          ['text', null],
          ['text', 'avec{accolade}'],
        ),
        sheet('choices', ['list_name', 'name'], ['l', 'x'], ['l', 'x']),
      ),
    ).toEqual([
      [3, 'name', 'choix « x » en double dans la liste « l » (déjà ligne 2)'],
      [2, 'type', '« end_group » sans « begin_group » correspondant'],
      [4, 'type', '« end_group » ferme le « begin_repeat » « r » de la ligne 3'],
      [5, 'type', '« select_one » sans nom de liste'],
      [6, 'type', 'liste « absente » absente de la feuille « choices »'],
      [7, 'name', 'nom « b » en double (déjà ligne 6)'],
      [8, 'name', 'nom manquant'],
      [9, 'name', 'nom invalide « avec{accolade} » (ni accolade, ni guillemet, ni « $ », ni retour à la ligne)'],
    ]);
  });

  it('refuses a survey sheet without type or name columns, and a workbook without survey', () => {
    expect(errors(survey(['label'], ['Bonjour']))).toEqual([
      [1, undefined, 'colonne « type » absente'],
      [1, undefined, 'colonne « name » absente'],
    ]);
    expect(errors(sheet('Feuil1', ['a']))[0]![2]).toMatch(/^feuille « survey » absente/);
  });
});

describe('XLSForm reader: languages', () => {
  it('English is SurveyJS’s default text; other languages are keyed by their code', () => {
    const { questionnaire, locale } = read(
      survey(['type', 'name', 'label::English (en)', 'label::Français (fr)'], ['text', 'q', 'Name', 'Nom']),
      sheet('settings', ['form_title', 'default_language'], ['F', 'Français (fr)']),
    );
    expect(locale).toBe('fr');
    expect(questionnaire['locale']).toBe('fr');
    expect(elements(questionnaire)[0]!['title']).toEqual({ default: 'Name', fr: 'Nom' });
  });

  it('bare codes and language names are understood; a name without code gets a warning', () => {
    const { questionnaire, warnings } = read(
      survey(
        ['type', 'name', 'label::fr', 'label::Español', 'label::Klingon'],
        ['text', 'q', 'Nom', 'Nombre', 'tlhIngan'],
      ),
    );
    expect(elements(questionnaire)[0]!['title']).toEqual({
      default: 'Nom',
      fr: 'Nom',
      es: 'Nombre',
      klingon: 'tlhIngan',
    });
    expect(warnings).toEqual([
      expect.objectContaining({
        row: 1,
        column: 'label::Klingon',
        message: expect.stringMatching(/langue « Klingon » sans code/),
      }),
    ]);
  });

  it('one language: plain strings', () => {
    const { questionnaire } = read(survey(['type', 'name', 'label', 'hint'], ['text', 'q', 'Nom', 'Aide']));
    expect(elements(questionnaire)[0]).toEqual({ type: 'text', name: 'q', title: 'Nom', description: 'Aide' });
  });

  it('an answer shown in a text (`${q}`) is SurveyJS’s `{q}`', () => {
    const { questionnaire } = read(
      survey(['type', 'name', 'label'], ['text', 'nom', 'Nom'], ['note', 'merci', 'Merci ${nom} !']),
    );
    expect(elements(questionnaire)[1]!['html']).toBe('Merci {nom} !');
  });
});
