/**
 * Trame's own sheets of the design workbook (docs/formats.md, "Classeur de conception"): `evaluation`
 * (the bundle's own fields, one per row), `referentiel` (one row per indicator, dimensions and criteria
 * repeated on each; a dimension or criterion without indicators has a row of its own), `segments` (one row
 * per group) and `donnees_internes`. The columns are described once here, for the writer (headers, widths,
 * drop-down lists) and the reader (headers matched with accents, case and spaces folded, or by key).
 */
import type { SheetCell } from './sheet.js';

export interface ColumnSpec {
  key: string;
  header: string;
  width: number;
  /** Where the cell's drop-down list comes from. */
  list?: 'kinds' | 'questions' | 'segments' | 'yesno' | 'lists' | 'internal';
  /** Help shown as the header cell's note. */
  note?: string;
}

export const KINDS = ['percent', 'count', 'sum', 'mean', 'median', 'distribution', 'internal', 'ratio'] as const;

/** French names a group may type instead of the codes. */
export const KIND_ALIASES = new Map<string, string>([
  ['pourcentage', 'percent'],
  ['taux', 'percent'],
  ['effectif', 'count'],
  ['nombre', 'count'],
  ['comptage', 'count'],
  ['somme', 'sum'],
  ['moyenne', 'mean'],
  ['mediane', 'median'],
  ['repartition', 'distribution'],
  ['interne', 'internal'],
  ['donnee interne', 'internal'],
]);

const LIST_NOTE = 'Plusieurs valeurs séparées par « | » (valeurs des choix, pas leurs libellés).';

export const REFERENTIEL_COLUMNS: ColumnSpec[] = [
  { key: 'dimension_code', header: 'Code dimension', width: 14 },
  { key: 'dimension', header: 'Dimension', width: 34 },
  { key: 'dimension_description', header: 'Description de la dimension', width: 30 },
  { key: 'critere_code', header: 'Code critère', width: 14 },
  { key: 'critere', header: 'Critère', width: 30 },
  { key: 'critere_description', header: 'Description du critère', width: 30 },
  { key: 'code', header: 'Code indicateur', width: 14 },
  { key: 'titre', header: 'Indicateur', width: 44 },
  {
    key: 'type',
    header: 'Type',
    width: 14,
    list: 'kinds',
    note: 'percent, count, sum, mean, median, distribution, internal ou ratio.',
  },
  { key: 'question', header: 'Question', width: 24, list: 'questions', note: 'Nom de la question (feuille survey).' },
  { key: 'positives', header: 'Réponses positives', width: 28, note: LIST_NOTE },
  {
    key: 'exclues',
    header: 'Réponses exclues',
    width: 18,
    note: `Hors du dénominateur (« Je ne sais pas »). ${LIST_NOTE}`,
  },
  {
    key: 'condition_positive',
    header: 'Condition positive',
    width: 30,
    note: "Au lieu des réponses positives : une expression SurveyJS, par exemple {q} = 'oui'.",
  },
  { key: 'population_segment', header: 'Population : segment', width: 18, list: 'segments' },
  { key: 'population_groupe', header: 'Population : groupe', width: 18 },
  { key: 'condition', header: 'Condition sur la population', width: 30, note: 'Expression SurveyJS (where).' },
  {
    key: 'ventilation',
    header: 'Ventilation par segments',
    width: 22,
    list: 'segments',
    note: 'Codes de segments séparés par « | ».',
  },
  { key: 'choix', header: 'Choix (répartition)', width: 22, note: LIST_NOTE },
  { key: 'donnee_interne', header: 'Donnée interne', width: 20, list: 'internal' },
  {
    key: 'numerateur',
    header: 'Numérateur',
    width: 26,
    note: 'internal:CODE, indicator:CODE, respondents ou respondents:SEGMENT=GROUPE.',
  },
  { key: 'denominateur', header: 'Dénominateur', width: 26, note: 'Comme le numérateur.' },
  { key: 'facteur', header: 'Facteur', width: 10 },
  { key: 'decimales', header: 'Décimales', width: 10 },
  { key: 'unite', header: 'Unité', width: 10 },
  { key: 'cible', header: 'Cible', width: 10 },
  { key: 'reference', header: 'Valeur de référence', width: 12 },
  {
    key: 'enonce',
    header: 'Énoncé',
    width: 44,
    note: 'Les mots qui suivent « N % des … » dans le rapport, sans chiffre.',
  },
  { key: 'autres', header: 'Autres champs (JSON)', width: 24 },
];

export const SEGMENT_COLUMNS: ColumnSpec[] = [
  { key: 'segment_code', header: 'Code segment', width: 16 },
  { key: 'segment', header: 'Segment', width: 24 },
  { key: 'question', header: 'Question', width: 24, list: 'questions' },
  { key: 'groupe_code', header: 'Code groupe', width: 16 },
  { key: 'groupe', header: 'Groupe', width: 30 },
  { key: 'valeurs', header: 'Valeurs', width: 34, note: LIST_NOTE },
  { key: 'autres', header: 'Autres champs (JSON)', width: 24 },
];

export const INTERNAL_COLUMNS: ColumnSpec[] = [
  { key: 'code', header: 'Code', width: 24 },
  { key: 'libelle', header: 'Libellé', width: 50 },
  { key: 'valeur', header: 'Valeur', width: 14 },
  { key: 'unite', header: 'Unité', width: 10 },
  { key: 'periode', header: 'Période', width: 12 },
  { key: 'source', header: 'Source', width: 30 },
  { key: 'autres', header: 'Autres champs (JSON)', width: 24 },
];

/** Rows of the `evaluation` sheet: a field of the bundle per row, its value in the second column. */
export const EVALUATION_FIELDS: { key: string; header: string }[] = [
  { key: 'titre', header: 'Titre de l’évaluation' },
  { key: 'description', header: 'Description' },
  { key: 'langue', header: 'Langue' },
  { key: 'organisation', header: 'Organisation' },
  { key: 'forme_juridique', header: 'Forme juridique' },
  { key: 'territoire', header: 'Territoire' },
  { key: 'site_web', header: 'Site web' },
  { key: 'seuil', header: 'Seuil de petit échantillon' },
  { key: 'referentiel', header: 'Titre du référentiel' },
  { key: 'autres', header: 'Autres champs (JSON)' },
];

export const EVALUATION_COLUMNS: ColumnSpec[] = [
  { key: 'champ', header: 'Champ', width: 30 },
  { key: 'valeur', header: 'Valeur', width: 70 },
];

export const SHEETS = {
  evaluation: 'evaluation',
  referentiel: 'referentiel',
  segments: 'segments',
  internal: 'donnees_internes',
  lists: 'listes',
} as const;

/** Indicator fields with a column of their own: bundle field → column key. */
export const INDICATOR_FIELDS: Record<string, string> = {
  code: 'code',
  title: 'titre',
  kind: 'type',
  question: 'question',
  positive: 'positives',
  exclude: 'exclues',
  positiveIf: 'condition_positive',
  where: 'condition',
  breakdown: 'ventilation',
  choices: 'choix',
  internal: 'donnee_interne',
  numerator: 'numerateur',
  denominator: 'denominateur',
  factor: 'facteur',
  decimals: 'decimales',
  unit: 'unite',
  target: 'cible',
  baseline: 'reference',
  statement: 'enonce',
};

/** Fields holding a list of values, written `a|b`. */
export const LIST_FIELDS: ReadonlySet<string> = new Set(['positive', 'exclude', 'breakdown', 'choices']);

/** One sheet as the writer lays it out. */
export interface SheetSpec {
  name: string;
  columns: ColumnSpec[];
  rows: SheetCell[][];
  /** A sheet of drop-down sources, hidden from the user. */
  hidden?: boolean;
}
