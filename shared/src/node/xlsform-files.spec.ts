import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Model, type QuestionPanelDynamicModel } from 'survey-core';
import type { ValidationIssue } from '../types.js';
import { importEvaluationFile, readDesignWorkbook, writeDesignWorkbook } from './design.js';

/** The XLSForm files of test/fixtures/xlsform (generate.mjs), read as the server reads an upload. */
const dir = join(process.cwd(), 'test/fixtures/xlsform');
const file = (name: string) => readFileSync(join(dir, name));

async function imported(name: string) {
  const r = await importEvaluationFile(name, file(name));
  if (!r.ok) throw new Error(JSON.stringify(r.errors, null, 2));
  return r.value;
}

const where = (w: ValidationIssue[]) => w.map((i) => [i.row, i.column, i.message]);

describe('XLSForm files: KoboToolbox household survey (two languages, groups, repeat)', () => {
  it('gives a valid bundle with an empty framework, the form title and the default language', async () => {
    const { bundle } = await imported('kobo-menage.xlsx');
    expect(bundle.title).toBe('Enquête ménages');
    expect(bundle.locale).toBe('fr');
    expect(bundle.framework.dimensions).toEqual([]);
    expect(bundle.segments).toEqual([]);
    const q = bundle.questionnaire as { locale: string; pages: { name: string; elements: { name: string }[] }[] };
    expect(q.locale).toBe('fr');
    expect(q.pages.map((p) => p.name)).toEqual(['foyer', 'page2']);
  });

  it('warns, by row and column, of the metadata and the geopoint left out', async () => {
    const { warnings } = await imported('kobo-menage.xlsx');
    expect(where(warnings)).toEqual([
      [2, 'type', 'métadonnée « start » ignorée : SurveyJS ne la collecte pas'],
      [3, 'type', 'métadonnée « end » ignorée : SurveyJS ne la collecte pas'],
      [
        8,
        'type',
        'type « geopoint » non pris en charge (les coordonnées GPS ne sont pas collectées) : « lieu » est ignorée',
      ],
    ]);
    expect(warnings.every((w) => (w as { sheet?: string }).sheet === 'survey')).toBe(true);
  });

  it('behaves in SurveyJS as in ODK: relevance, or_other, bounds, languages, the repeat', async () => {
    const { bundle } = await imported('kobo-menage.xlsx');
    const survey = new Model(bundle.questionnaire);
    const q = (n: string) => survey.getQuestionByName(n);
    expect(survey.getPanelByName('adhesion').isVisible).toBe(false);
    survey.setValue('statut', 'associe');
    expect(survey.getPanelByName('adhesion').isVisible).toBe(true);
    expect(q('motifs_precision').isVisible).toBe(false);
    survey.setValue('motifs', ['lien', 'autre']);
    expect(q('motifs_precision').isVisible).toBe(true);
    expect(q('statut').visibleChoices.map((c: { value: unknown }) => c.value)).toEqual([
      'associe',
      'non_associe',
      'other',
    ]);
    survey.setValue('taille', 40);
    expect(q('taille').validate()).toBe(false);
    expect(q('taille').errors[0]!.text).toBe('Entre 1 et 30');
    survey.locale = 'en';
    expect(q('taille').title).toBe('How many people live in your household?');
    survey.locale = 'fr';
    expect(q('statut').title).toBe('Êtes-vous sociétaire de la coopérative ?');
    const members = q('membres') as QuestionPanelDynamicModel;
    members.panelCount = 1;
    const child = members.panels[0]!;
    child.getQuestionByName('age').value = 12;
    expect(child.getQuestionByName('scolarise').isVisible).toBe(true);
    child.getQuestionByName('age').value = 40;
    expect(child.getQuestionByName('scolarise').isVisible).toBe(false);
    survey.setValue('taille', 3);
    expect(survey.getVariable('adultes')).toBe(2);
  });
});

describe('XLSForm files: ODK form in one language', () => {
  it('translates bounds, a cascading choice_filter, count-selected, range and rank', async () => {
    const { bundle, warnings } = await imported('odk-simple.xlsx');
    expect(where(warnings)).toEqual([
      [12, 'type', 'type « image » non pris en charge (les photos ne sont pas collectées) : « photo » est ignorée'],
      [13, 'type', 'type « barcode » sans équivalent : « carte » devient une question texte'],
      [14, 'type', 'type inconnu « hologram » : « futur » est ignorée'],
    ]);
    const survey = new Model(bundle.questionnaire);
    const q = (n: string) => survey.getQuestionByName(n);
    survey.setValue('departement', '43');
    expect(q('commune').visibleChoices.map((c: { value: unknown }) => c.value)).toEqual(['le_puy', 'yssingeaux']);
    survey.setValue('departement', '63');
    expect(q('commune').visibleChoices.map((c: { value: unknown }) => c.value)).toEqual(['clermont']);
    expect(q('pourquoi_aucune').isVisible).toBe(true);
    survey.setValue('activites', ['arts_visuels']);
    expect(q('pourquoi_aucune').isVisible).toBe(false);
    expect(q('arrivee').isVisible).toBe(false);
    survey.setValue('nom', 'Coop');
    expect(q('arrivee').isVisible).toBe(true);
    expect(q('satisfaction').getType()).toBe('rating');
    expect(q('priorites').getType()).toBe('ranking');
    survey.setValue('age', 12);
    expect(q('age').validate()).toBe(false);
    survey.setValue('age', 30);
    expect(q('age').validate()).toBe(true);
    survey.setValue('heures', -2);
    expect(q('heures').validate()).toBe(false);
    expect(q('heures').errors[0]!.text).toBe('Un nombre positif');
    survey.clearValue('heures');
    // ODK checks a constraint only on an answer: an empty optional number passes.
    expect(q('heures').validate()).toBe(true);
  });
});

describe('XLSForm files: pages of a French cooperative form', () => {
  it('makes a page of each top-level group and of the questions between them', async () => {
    const { bundle, warnings } = await imported('cooperative-pages.xlsx');
    const q = bundle.questionnaire as { pages: { name: string; title?: string; visibleIf?: string }[] };
    expect(q.pages.map((p) => [p.name, p.title, p.visibleIf])).toEqual([
      ['page1', undefined, undefined],
      ['identite', 'Qui êtes-vous ?', undefined],
      ['avis', 'Votre avis', "{college} != 'usagers'"],
      ['page4', undefined, undefined],
    ]);
    expect(where(warnings)).toEqual([
      [
        9,
        'relevant',
        "expression « jr:choice-name(${college}, '${college}') = 'Salariés' » non traduite (la fonction jr:choice-name() n’a pas d’équivalent SurveyJS) : l’élément sera toujours affiché",
      ],
    ]);
    const survey = new Model(bundle.questionnaire);
    survey.setValue('college', 'salaries');
    expect(survey.getQuestionByName('utile').isRequired).toBe(true);
    survey.setValue('college', 'partenaires');
    expect(survey.getQuestionByName('utile').isRequired).toBe(false);
    survey.setValue('courriel', 'pas-une-adresse');
    expect(survey.getQuestionByName('courriel').validate()).toBe(false);
    expect(survey.getQuestionByName('pays').value).toBe('France');
  });

  it('a plain XLSForm written back as a design workbook reads back the same', async () => {
    for (const name of ['kobo-menage.xlsx', 'odk-simple.xlsx', 'cooperative-pages.xlsx']) {
      const { bundle } = await imported(name);
      const again = await readDesignWorkbook(await writeDesignWorkbook(bundle));
      if (!again.ok) throw new Error(JSON.stringify(again.errors));
      expect(again.value.warnings).toEqual([]);
      expect(again.value.bundle).toEqual(bundle);
    }
  });
});

describe('XLSForm files: a broken form', () => {
  it('gives every error with its row and column, and no bundle', async () => {
    const r = await importEvaluationFile('erreurs.xlsx', file('erreurs.xlsx'));
    expect(r.ok).toBe(false);
    expect(!r.ok && where(r.errors)).toEqual([
      [3, 'type', 'liste « inexistante » absente de la feuille « choices »'],
      [5, 'name', 'nom « q2 » en double (déjà ligne 4)'],
      [2, 'type', '« begin_group » « g1 » sans « end_group »'],
    ]);
    expect(!r.ok && r.errors[0]!.path).toBe('feuille « survey », ligne 3, colonne « type » (A)');
  });
});
