/**
 * The design workbook: an XLSForm (`survey`, `choices`, `settings`) plus Trame's sheets (trame-sheets.ts),
 * read into a `trame-bundle/1` and written from one. Reading checks every cell and the whole bundle
 * (parseBundle) and gives either a valid bundle or every error, each naming its sheet, row and column;
 * never a partial bundle. A plain XLSForm (no Trame sheets) gives a bundle with an empty framework.
 */
import type { Bundle, Scalar } from '../bundle/schema.js';
import { parseBundle } from '../bundle/validate.js';
import { isForbiddenName } from '../keys.js';
import { buildCatalog, resolveRef, type QuestionnaireCatalog } from '../questionnaire/catalog.js';
import { walkQuestionnaire } from '../questionnaire/walk.js';
import { parseNumber } from '../responses/number.js';
import type { Result } from '../types.js';
import {
  fold,
  findSheet,
  issue,
  Row,
  Table,
  type Column,
  type DesignIssue,
  type SheetCell,
  type SheetData,
} from './sheet.js';
import { questionnaireToXlsform } from './to-xlsform.js';
import {
  EVALUATION_COLUMNS,
  EVALUATION_FIELDS,
  INTERNAL_COLUMNS,
  KIND_ALIASES,
  KINDS,
  REFERENTIEL_COLUMNS,
  SEGMENT_COLUMNS,
  SHEETS,
  type ColumnSpec,
  type SheetSpec,
} from './trame-sheets.js';
import { xlsformToQuestionnaire } from './xlsform.js';

type Json = Record<string, unknown>;

export interface ImportedBundle {
  bundle: Bundle;
  warnings: DesignIssue[];
}

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

// ---------------------------------------------------------------------------------------------------------
// Writing

/** A list of values in one cell: `a|b`, or JSON when a value holds a `|` or would not read back as it is. */
function listCell(values: readonly unknown[] | undefined): SheetCell {
  if (!values || values.length === 0) return null;
  const plain = values.every(
    (v) => typeof v === 'string' && v !== '' && !v.includes('|') && v.trim() === v && !v.startsWith('['),
  );
  return plain ? values.join('|') : JSON.stringify(values);
}

const cell = (v: unknown): SheetCell =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
    ? v
    : v === undefined || v === null
      ? null
      : JSON.stringify(v);

const INDICATOR_FIELDS: Record<string, string> = {
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

const LIST_FIELDS = new Set(['positive', 'exclude', 'breakdown', 'choices']);

function rowOf(columns: ColumnSpec[], values: Map<string, SheetCell>): SheetCell[] {
  return columns.map((c) => values.get(c.key) ?? null);
}

function leftovers(obj: Json, known: readonly string[]): string | null {
  const rest: Json = {};
  for (const [k, v] of Object.entries(obj)) if (!known.includes(k)) rest[k] = v;
  return Object.keys(rest).length ? JSON.stringify(rest) : null;
}

/** The sheets of the design workbook of a bundle, in order, values only (node/design.ts styles them). */
export function designSheets(bundle: Bundle | null): SheetSpec[] {
  const xls = questionnaireToXlsform(bundle?.questionnaire ?? { pages: [] }, bundle === null);
  const sheet = (name: string, columns: string[], rows: Map<string, SheetCell>[]): SheetSpec => ({
    name,
    columns: columns.map((c) => ({
      key: c,
      header: c,
      width:
        c === 'surveyjs'
          ? 24
          : /^(label|hint|constraint_message|required_message)/.test(c)
            ? 44
            : c === 'type'
              ? 26
              : c === 'relevant' || c === 'constraint'
                ? 30
                : 16,
      ...(c === 'required' || c === 'read_only' ? { list: 'yesno' as const } : {}),
      ...(c === 'list_name' ? { list: 'lists' as const } : {}),
    })),
    rows: rows.map((r) => columns.map((c) => r.get(c) ?? null)),
  });
  const out: SheetSpec[] = [
    sheet('survey', xls.survey.columns, xls.survey.rows),
    sheet('choices', xls.choices.columns, xls.choices.rows),
    sheet('settings', xls.settings.columns, xls.settings.rows),
  ];

  const evaluation: SheetCell[][] = [];
  if (bundle) {
    const org = bundle.organization ?? {};
    const extra: Json = {};
    const knownTop = [
      'format',
      'title',
      'description',
      'locale',
      'organization',
      'settings',
      'questionnaire',
      'segments',
      'framework',
      'internalData',
    ];
    for (const [k, v] of Object.entries(bundle)) if (!knownTop.includes(k)) extra[k] = v;
    const orgExtra = leftovers(org, ['name', 'legalForm', 'territory', 'website']);
    if (orgExtra) extra['organization'] = JSON.parse(orgExtra) as Json;
    const settingsExtra = bundle.settings ? leftovers(bundle.settings, ['smallSampleThreshold']) : null;
    if (settingsExtra) extra['settings'] = JSON.parse(settingsExtra) as Json;
    const frameworkExtra = leftovers(bundle.framework, ['title', 'dimensions']);
    if (frameworkExtra) extra['framework'] = JSON.parse(frameworkExtra) as Json;
    const values: Record<string, unknown> = {
      titre: bundle.title,
      description: bundle.description,
      langue: bundle.locale,
      organisation: org.name,
      forme_juridique: org.legalForm,
      territoire: org.territory,
      site_web: org.website,
      seuil: bundle.settings?.smallSampleThreshold,
      referentiel: bundle.framework.title,
      autres: Object.keys(extra).length ? JSON.stringify(extra) : undefined,
    };
    for (const f of EVALUATION_FIELDS) evaluation.push([f.header, cell(values[f.key])]);
  } else for (const f of EVALUATION_FIELDS) evaluation.push([f.header, null]);
  out.push({ name: SHEETS.evaluation, columns: EVALUATION_COLUMNS, rows: evaluation });

  const referentiel: SheetCell[][] = [];
  for (const d of bundle?.framework.dimensions ?? []) {
    const dim = new Map<string, SheetCell>([
      ['dimension_code', d.code],
      ['dimension', d.title],
      ['dimension_description', d.description ?? null],
    ]);
    // Fields of a dimension or criterion that no column carries ride on its first row's JSON cell.
    let dimExtra = leftovers(d, ['code', 'title', 'description', 'criteria']);
    const push = (values: Map<string, SheetCell>, extra: Json) => {
      if (dimExtra) {
        extra['@dimension'] = JSON.parse(dimExtra) as Json;
        dimExtra = null;
      }
      if (Object.keys(extra).length) values.set('autres', JSON.stringify(extra));
      referentiel.push(rowOf(REFERENTIEL_COLUMNS, values));
    };
    if (d.criteria.length === 0) push(new Map(dim), {});
    for (const c of d.criteria) {
      const crit = new Map(dim);
      crit.set('critere_code', c.code);
      crit.set('critere', c.title);
      crit.set('critere_description', c.description ?? null);
      let critExtra = leftovers(c, ['code', 'title', 'description', 'indicators']);
      const critRow = (values: Map<string, SheetCell>, extra: Json) => {
        if (critExtra) {
          extra['@critere'] = JSON.parse(critExtra) as Json;
          critExtra = null;
        }
        push(values, extra);
      };
      if (c.indicators.length === 0) critRow(new Map(crit), {});
      for (const ind of c.indicators) {
        const r = new Map(crit);
        const i = ind as Json;
        for (const [field, key] of Object.entries(INDICATOR_FIELDS)) {
          if (i[field] === undefined) continue;
          r.set(key, LIST_FIELDS.has(field) ? listCell(i[field] as unknown[]) : cell(i[field]));
        }
        const extra: Json = {};
        if (isObject(i['population'])) {
          r.set('population_segment', cell(i['population']['segment']));
          r.set('population_groupe', cell(i['population']['group']));
          const more = leftovers(i['population'], ['segment', 'group']);
          if (more) extra['population'] = JSON.parse(more) as Json;
        }
        const more = leftovers(i, [...Object.keys(INDICATOR_FIELDS), 'population']);
        if (more) Object.assign(extra, JSON.parse(more) as Json);
        critRow(r, extra);
      }
    }
  }
  out.push({ name: SHEETS.referentiel, columns: REFERENTIEL_COLUMNS, rows: referentiel });

  const segments: SheetCell[][] = [];
  for (const s of bundle?.segments ?? []) {
    s.groups.forEach((g, gi) => {
      const extra: Json = {};
      const segExtra = gi === 0 ? leftovers(s, ['code', 'label', 'question', 'groups']) : null;
      if (segExtra) extra['@segment'] = JSON.parse(segExtra) as Json;
      const groupExtra = leftovers(g, ['code', 'label', 'values']);
      if (groupExtra) Object.assign(extra, JSON.parse(groupExtra) as Json);
      segments.push(
        rowOf(
          SEGMENT_COLUMNS,
          new Map<string, SheetCell>([
            ['segment_code', s.code],
            ['segment', s.label ?? null],
            ['question', s.question],
            ['groupe_code', g.code],
            ['groupe', g.label ?? null],
            ['valeurs', listCell(g.values)],
            ['autres', Object.keys(extra).length ? JSON.stringify(extra) : null],
          ]),
        ),
      );
    });
  }
  out.push({ name: SHEETS.segments, columns: SEGMENT_COLUMNS, rows: segments });

  const internal = (bundle?.internalData ?? []).map((d) =>
    rowOf(
      INTERNAL_COLUMNS,
      new Map<string, SheetCell>([
        ['code', d.code],
        ['libelle', d.label],
        ['valeur', d.value],
        ['unite', d.unit ?? null],
        ['periode', d.period ?? null],
        ['source', d.source ?? null],
        ['autres', leftovers(d, ['code', 'label', 'value', 'unit', 'period', 'source'])],
      ]),
    ),
  );
  out.push({ name: SHEETS.internal, columns: INTERNAL_COLUMNS, rows: internal });

  // Sources of the drop-down lists, one column each.
  const sources: [string, string[]][] = [
    ['types', [...KINDS]],
    ['questions', xls.questionNames],
    ['segments', (bundle?.segments ?? []).map((s) => s.code)],
    ['oui_non', ['yes', 'no']],
    ['listes', xls.listNames],
    ['donnees_internes', (bundle?.internalData ?? []).map((d) => d.code)],
  ];
  const height = Math.max(...sources.map(([, v]) => v.length));
  const listRows: SheetCell[][] = [];
  for (let r = 0; r < height; r++) listRows.push(sources.map(([, v]) => v[r] ?? null));
  out.push({
    name: SHEETS.lists,
    hidden: true,
    columns: sources.map(([key]) => ({ key, header: key, width: 20 })),
    rows: listRows,
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Reading

interface Origin {
  sheet: string;
  row: number;
  /** Bundle field → column header, for messages about one field. */
  fields?: Map<string, string>;
  column?: string;
}

class DesignReader {
  readonly errors: DesignIssue[] = [];
  readonly warnings: DesignIssue[] = [];
  /** Bundle path (`framework.dimensions[0].criteria[1]`) → where it was written. */
  readonly origins = new Map<string, Origin>();
  private catalog!: QuestionnaireCatalog;

  constructor(private readonly sheets: readonly SheetData[]) {}

  private columns(table: Table, specs: ColumnSpec[]): Map<string, Column> {
    const out = new Map<string, Column>();
    for (const spec of specs) {
      const col = table.column(spec.header, spec.key);
      if (col) out.set(spec.key, col);
    }
    const known = new Set([...out.values()].map((c) => c.index));
    for (const c of table.columns)
      if (!known.has(c.index))
        this.warnings.push(issue(table.name, `colonne « ${c.header} » inconnue : ignorée`, table.headerRow, c.header));
    return out;
  }

  private json(row: Row, col: Column | undefined): Json {
    const text = row.text(col);
    if (!text) return {};
    try {
      const v: unknown = JSON.parse(text);
      if (isObject(v)) {
        const bad = findForbidden(v, 0);
        if (bad === undefined) return v;
        this.errors.push(row.issue(`propriété interdite « ${bad} »`, col));
        return {};
      }
    } catch {
      // reported below
    }
    this.errors.push(row.issue('objet JSON attendu', col));
    return {};
  }

  private number(row: Row, col: Column | undefined, what: string, integer = false): number | undefined {
    const raw = row.raw(col);
    if (raw === null || raw === undefined || row.text(col) === '') return undefined;
    const n = typeof raw === 'number' ? raw : parseNumber(row.text(col));
    if (n === undefined || (integer && !Number.isInteger(n))) {
      this.errors.push(
        row.issue(`${what} : ${integer ? 'nombre entier' : 'nombre'} attendu, « ${row.text(col)} » lu`, col),
      );
      return undefined;
    }
    return n;
  }

  /** A cell of values: `a|b` or a JSON array; each typed as the question's choice it names. */
  private values(row: Row, col: Column | undefined, question?: string): Scalar[] | undefined {
    const text = row.text(col);
    if (!text) return undefined;
    let tokens: unknown[];
    if (text.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (!Array.isArray(parsed) || !parsed.every((v) => ['string', 'number', 'boolean'].includes(typeof v)))
          throw new Error();
        return parsed as Scalar[];
      } catch {
        this.errors.push(row.issue('liste JSON de valeurs attendue', col));
        return undefined;
      }
    }
    tokens = text
      .split('|')
      .map((t) => t.trim())
      .filter((t) => t !== '');
    const ref = question ? resolveRef(this.catalog, question) : null;
    const choices = ref ? [...(ref.question.choices ?? []).map((c) => c.value), ...ref.question.specialValues] : [];
    if (ref?.question.booleanValues) choices.push(ref.question.booleanValues.true, ref.question.booleanValues.false);
    tokens = tokens.map((t) => choices.find((c) => String(c) === t) ?? t);
    return tokens as Scalar[];
  }

  /** A code cell; null when it is a forbidden name (reported): the row is then left out. */
  private code(row: Row, col: Column | undefined, what: string): string | null {
    const t = row.text(col);
    if (t && isForbiddenName(t)) {
      this.errors.push(row.issue(`code ${what} interdit « ${t} »`, col));
      return null;
    }
    return t;
  }

  read(fileName?: string): Result<ImportedBundle> {
    const xls = xlsformToQuestionnaire(this.sheets);
    if (!xls.ok) return xls;
    this.warnings.push(...xls.value.warnings);
    const questionnaire = xls.value.questionnaire;
    this.catalog = buildCatalog(questionnaire, xls.value.locale ?? 'fr');
    for (const node of walkQuestionnaire(questionnaire)) {
      const obj = node.kind === 'page' ? node.page : node.kind === 'element' ? node.element : undefined;
      const row = obj && xls.value.origins.get(obj);
      if (row !== undefined)
        this.origins.set(node.path, {
          sheet: findSheet(this.sheets, 'survey')!.name,
          row,
          fields: new Map([
            ['name', 'name'],
            ['visibleIf', 'relevant'],
            ['title', 'label'],
            ['choices', 'type'],
            ['isRequired', 'required'],
          ]),
        });
    }

    const bundle: Json = {
      format: 'trame-bundle/1',
      title: xls.value.title ?? (fileName ? fileName.replace(/\.[^.]*$/, '') : '') ?? '',
      locale: xls.value.locale ?? 'fr',
      questionnaire,
      segments: [],
      framework: { dimensions: [] },
      internalData: [],
    };
    if (!bundle['title']) bundle['title'] = 'Questionnaire importé';
    this.evaluation(bundle);
    this.internalData(bundle);
    this.segments(bundle);
    this.referentiel(bundle);
    if (this.errors.length) return { ok: false, errors: this.errors };

    const parsed = parseBundle(bundle);
    if (!parsed.ok) return { ok: false, errors: parsed.errors.map((e) => this.locate(e.path, e.message)) };
    return { ok: true, value: { bundle: parsed.value.bundle, warnings: this.warnings } };
  }

  /** A bundle error at `path`, placed on the sheet, row and column it came from. */
  private locate(path: string, message: string): DesignIssue {
    let p = path;
    const stripped: string[] = [];
    while (p) {
      const origin = this.origins.get(p);
      if (origin) {
        const field = stripped[stripped.length - 1];
        const column = (field && origin.fields?.get(field)) ?? origin.column;
        return {
          ...issue(origin.sheet, `${message} (${path})`, origin.row, column),
          path: `${issue(origin.sheet, '', origin.row, column).path} (${path})`,
        };
      }
      const m = /(?:\.([^.[\]]+)|\[\d+\])$/.exec(p);
      if (!m) break;
      if (m[1]) stripped.push(m[1]);
      p = p.slice(0, m.index);
    }
    const sheet = path.startsWith('questionnaire') ? 'survey' : SHEETS.evaluation;
    return { path, sheet, message };
  }

  private evaluation(bundle: Json) {
    const sheet = findSheet(this.sheets, SHEETS.evaluation, 'évaluation');
    if (!sheet) return;
    const table = new Table(sheet);
    const fieldOf = (text: string) =>
      EVALUATION_FIELDS.find((f) => fold(f.header) === fold(text) || fold(f.key) === fold(text));
    const entries: { row: Row | null; key: string; col: Column; text: string; raw: SheetCell; number: number }[] = [];
    // Fields in column A, values in column B, under a `Champ | Valeur` header; a sheet whose first row is
    // already a field has no header.
    const fieldCol: Column = { header: table.columns[0]?.header ?? 'Champ', index: 0 };
    const valueCol: Column = { header: table.columns[1]?.header ?? 'Valeur', index: 1 };
    const first = sheet.rows[table.headerRow - 1];
    const rows =
      first && fieldOf(table.columns[0]?.header ?? '')
        ? [new Row(table, table.headerRow, first), ...table.rows]
        : [...table.rows];
    if (rows[0] !== table.rows[0]) {
      fieldCol.header = 'Champ';
      valueCol.header = 'Valeur';
    }
    for (const row of rows) {
      const name = row.text(fieldCol);
      const f = fieldOf(name);
      if (!f) {
        if (name) this.warnings.push(row.issue(`champ « ${name} » inconnu : ignoré`, fieldCol));
        continue;
      }
      entries.push({
        row,
        key: f.key,
        col: valueCol,
        text: row.text(valueCol),
        raw: row.raw(valueCol),
        number: row.number,
      });
    }
    const org: Json = {};
    const settings: Json = {};
    const at = (key: string, row: Row) =>
      this.origins.set(key, { sheet: sheet.name, row: row.number, column: valueCol.header });
    for (const e of entries) {
      const row = e.row!;
      if (!e.text) continue;
      switch (e.key) {
        case 'titre':
          bundle['title'] = e.text;
          at('title', row);
          break;
        case 'description':
          bundle['description'] = e.text;
          at('description', row);
          break;
        case 'langue':
          bundle['locale'] = e.text;
          at('locale', row);
          break;
        case 'organisation':
          org['name'] = e.text;
          break;
        case 'forme_juridique':
          org['legalForm'] = e.text;
          break;
        case 'territoire':
          org['territory'] = e.text;
          break;
        case 'site_web':
          org['website'] = e.text;
          break;
        case 'seuil': {
          const n = this.number(row, valueCol, 'seuil de petit échantillon', true);
          if (n !== undefined) settings['smallSampleThreshold'] = n;
          at('settings', row);
          break;
        }
        case 'referentiel':
          (bundle['framework'] as Json)['title'] = e.text;
          break;
        case 'autres': {
          const extra = this.json(row, valueCol);
          for (const [k, v] of Object.entries(extra)) {
            if (k === 'organization' && isObject(v)) Object.assign(org, v);
            else if (k === 'settings' && isObject(v)) Object.assign(settings, v);
            else if (k === 'framework' && isObject(v)) Object.assign(bundle['framework'] as Json, v);
            else if (!['format', 'questionnaire', 'segments', 'internalData'].includes(k)) bundle[k] = v;
          }
          break;
        }
      }
    }
    if (Object.keys(org).length) bundle['organization'] = org;
    if (Object.keys(settings).length) bundle['settings'] = settings;
  }

  private internalData(bundle: Json) {
    const sheet = findSheet(this.sheets, SHEETS.internal, 'données internes', 'donnees internes');
    if (!sheet) return;
    const table = new Table(sheet);
    const cols = this.columns(table, INTERNAL_COLUMNS);
    const out: Json[] = [];
    for (const row of table.rows) {
      const code = this.code(row, cols.get('code'), 'de donnée interne');
      if (code === null) continue;
      if (!code) {
        this.errors.push(row.issue('code manquant', cols.get('code')));
        continue;
      }
      const value = this.number(row, cols.get('valeur'), 'valeur');
      if (value === undefined && !row.text(cols.get('valeur')))
        this.errors.push(row.issue('valeur manquante', cols.get('valeur')));
      const d: Json = { code, label: row.text(cols.get('libelle')) || code, value };
      for (const [key, field] of [
        ['unite', 'unit'],
        ['periode', 'period'],
        ['source', 'source'],
      ] as const) {
        const t = row.text(cols.get(key));
        if (t) d[field] = t;
      }
      Object.assign(d, this.json(row, cols.get('autres')));
      this.origins.set(`internalData[${out.length}]`, {
        sheet: sheet.name,
        row: row.number,
        fields: new Map([
          ['code', cols.get('code')?.header ?? 'Code'],
          ['label', cols.get('libelle')?.header ?? 'Libellé'],
          ['value', cols.get('valeur')?.header ?? 'Valeur'],
        ]),
      });
      out.push(d);
    }
    bundle['internalData'] = out;
  }

  private segments(bundle: Json) {
    const sheet = findSheet(this.sheets, SHEETS.segments);
    if (!sheet) return;
    const table = new Table(sheet);
    const cols = this.columns(table, SEGMENT_COLUMNS);
    const segments = new Map<string, { seg: Json; index: number; row: number }>();
    let previous = '';
    for (const row of table.rows) {
      const own = this.code(row, cols.get('segment_code'), 'de segment');
      if (own === null) continue;
      const code = own || previous;
      if (!code) {
        this.errors.push(row.issue('code de segment manquant', cols.get('segment_code')));
        continue;
      }
      previous = code;
      let entry = segments.get(code);
      const extra = this.json(row, cols.get('autres'));
      if (!entry) {
        entry = { seg: { code, question: '', groups: [] }, index: segments.size, row: row.number };
        segments.set(code, entry);
        this.origins.set(`segments[${entry.index}]`, {
          sheet: sheet.name,
          row: row.number,
          fields: new Map([
            ['question', cols.get('question')?.header ?? 'Question'],
            ['code', cols.get('segment_code')?.header ?? 'Code segment'],
          ]),
        });
      }
      const seg = entry.seg;
      const label = row.text(cols.get('segment'));
      if (label && seg['label'] === undefined) seg['label'] = label;
      const question = row.text(cols.get('question'));
      if (question && !seg['question']) seg['question'] = question;
      else if (question && question !== seg['question'])
        this.errors.push(
          row.issue(
            `question différente de celle de la ligne ${entry.row} (« ${String(seg['question'])} »)`,
            cols.get('question'),
          ),
        );
      if (isObject(extra['@segment'])) Object.assign(seg, without(extra['@segment'], ['code', 'groups']));
      delete extra['@segment'];
      const groups = seg['groups'] as Json[];
      const groupCode = this.code(row, cols.get('groupe_code'), 'de groupe');
      if (groupCode === null) continue;
      if (!groupCode) {
        this.errors.push(row.issue('code de groupe manquant', cols.get('groupe_code')));
        continue;
      }
      const group: Json = { code: groupCode };
      const gl = row.text(cols.get('groupe'));
      if (gl) group['label'] = gl;
      group['values'] = this.values(row, cols.get('valeurs'), String(seg['question'])) ?? [];
      Object.assign(group, extra);
      this.origins.set(`segments[${entry.index}].groups[${groups.length}]`, {
        sheet: sheet.name,
        row: row.number,
        fields: new Map([
          ['values', cols.get('valeurs')?.header ?? 'Valeurs'],
          ['code', cols.get('groupe_code')?.header ?? 'Code groupe'],
        ]),
      });
      groups.push(group);
    }
    for (const { seg, row } of segments.values())
      if (!seg['question'])
        this.errors.push(
          issue(
            sheet.name,
            `segment « ${String(seg['code'])} » sans question`,
            row,
            cols.get('question')?.header ?? 'Question',
          ),
        );
    bundle['segments'] = [...segments.values()].map((e) => e.seg);
  }

  private referentiel(bundle: Json) {
    const sheet = findSheet(this.sheets, SHEETS.referentiel, 'référentiel');
    if (!sheet) return;
    const table = new Table(sheet);
    const cols = this.columns(table, REFERENTIEL_COLUMNS);
    const col = (k: string) => cols.get(k);
    const dims = new Map<
      string,
      { dim: Json; index: number; row: number; criteria: Map<string, { crit: Json; index: number; row: number }> }
    >();
    let prevDim = '';
    let prevCrit = '';
    const headerOf = (k: string) => col(k)?.header ?? REFERENTIEL_COLUMNS.find((c) => c.key === k)!.header;
    const indicatorFields = new Map<string, string>(Object.entries(INDICATOR_FIELDS).map(([f, k]) => [f, headerOf(k)]));
    indicatorFields.set('population', headerOf('population_segment'));
    for (const row of table.rows) {
      const ownDim = this.code(row, col('dimension_code'), 'de dimension');
      const ownCrit = this.code(row, col('critere_code'), 'de critère');
      const indicatorCode = this.code(row, col('code'), 'd’indicateur');
      if (ownDim === null || ownCrit === null || indicatorCode === null) continue;
      const dimCode = ownDim || prevDim;
      if (!dimCode) {
        this.errors.push(row.issue('code de dimension manquant', col('dimension_code')));
        continue;
      }
      if (dimCode !== prevDim) prevCrit = '';
      prevDim = dimCode;
      let d = dims.get(dimCode);
      if (!d) {
        d = { dim: { code: dimCode, title: '', criteria: [] }, index: dims.size, row: row.number, criteria: new Map() };
        dims.set(dimCode, d);
        this.origins.set(`framework.dimensions[${d.index}]`, {
          sheet: sheet.name,
          row: row.number,
          fields: new Map([
            ['code', headerOf('dimension_code')],
            ['title', headerOf('dimension')],
          ]),
        });
      }
      const extra = this.json(row, col('autres'));
      if (isObject(extra['@dimension'])) Object.assign(d.dim, without(extra['@dimension'], ['code', 'criteria']));
      this.sameText(row, d.dim, 'title', col('dimension'), d.row);
      this.sameText(row, d.dim, 'description', col('dimension_description'), d.row);
      const critCode = ownCrit || prevCrit;
      if (!critCode) {
        if (indicatorCode) this.errors.push(row.issue('code de critère manquant', col('critere_code')));
        continue;
      }
      prevCrit = critCode;
      let c = d.criteria.get(critCode);
      if (!c) {
        c = { crit: { code: critCode, title: '', indicators: [] }, index: d.criteria.size, row: row.number };
        d.criteria.set(critCode, c);
        (d.dim['criteria'] as Json[]).push(c.crit);
        this.origins.set(`framework.dimensions[${d.index}].criteria[${c.index}]`, {
          sheet: sheet.name,
          row: row.number,
          fields: new Map([
            ['code', headerOf('critere_code')],
            ['title', headerOf('critere')],
          ]),
        });
      }
      if (isObject(extra['@critere'])) Object.assign(c.crit, without(extra['@critere'], ['code', 'indicators']));
      this.sameText(row, c.crit, 'title', col('critere'), c.row);
      this.sameText(row, c.crit, 'description', col('critere_description'), c.row);
      if (!indicatorCode) {
        const stray = REFERENTIEL_COLUMNS.slice(7).find((s) => s.key !== 'autres' && row.text(col(s.key)));
        if (stray) this.errors.push(row.issue('code d’indicateur manquant', col('code')));
        continue;
      }
      const indicators = c.crit['indicators'] as Json[];
      this.origins.set(`framework.dimensions[${d.index}].criteria[${c.index}].indicators[${indicators.length}]`, {
        sheet: sheet.name,
        row: row.number,
        fields: indicatorFields,
      });
      indicators.push(this.indicator(row, col, indicatorCode, extra));
    }
    for (const d of dims.values()) d.dim['criteria'] = [...d.criteria.values()].map((c) => c.crit);
    (bundle['framework'] as Json)['dimensions'] = [...dims.values()].map((d) => d.dim);
  }

  /** A dimension's or criterion's text given on several rows must be the same on each. */
  private sameText(row: Row, target: Json, field: string, col: Column | undefined, firstRow: number) {
    const t = row.text(col);
    if (!t) return;
    const first = target[field];
    if (typeof first !== 'string' || !first) target[field] = t;
    else if (first !== t)
      this.errors.push(row.issue(`texte différent de celui de la ligne ${firstRow} (« ${first} »)`, col));
  }

  private indicator(row: Row, col: (k: string) => Column | undefined, code: string, extra: Json): Json {
    const ind: Json = { code };
    const text = (key: string, field: string) => {
      const t = row.text(col(key));
      if (t) ind[field] = t;
    };
    text('titre', 'title');
    const kindText = row.text(col('type'));
    const kind = (KINDS as readonly string[]).includes(kindText) ? kindText : KIND_ALIASES.get(fold(kindText));
    if (!kindText) this.errors.push(row.issue('type d’indicateur manquant', col('type')));
    else if (!kind)
      this.errors.push(
        row.issue(`type d’indicateur inconnu « ${kindText} » (attendu : ${KINDS.join(', ')})`, col('type')),
      );
    else ind['kind'] = kind;
    text('question', 'question');
    const question = typeof ind['question'] === 'string' ? ind['question'] : undefined;
    for (const [key, field] of [
      ['positives', 'positive'],
      ['exclues', 'exclude'],
      ['choix', 'choices'],
    ] as const) {
      const v = this.values(row, col(key), question);
      if (v) ind[field] = v;
    }
    text('condition_positive', 'positiveIf');
    const seg = row.text(col('population_segment'));
    const group = row.text(col('population_groupe'));
    if (seg || group) {
      ind['population'] = { segment: seg, group };
      if (!seg) this.errors.push(row.issue('segment de la population manquant', col('population_segment')));
      if (!group) this.errors.push(row.issue('groupe de la population manquant', col('population_groupe')));
    }
    text('condition', 'where');
    const breakdown = this.values(row, col('ventilation'));
    if (breakdown) ind['breakdown'] = breakdown.map(String);
    text('donnee_interne', 'internal');
    text('numerateur', 'numerator');
    text('denominateur', 'denominator');
    const factor = this.number(row, col('facteur'), 'facteur');
    if (factor !== undefined) ind['factor'] = factor;
    const decimals = this.number(row, col('decimales'), 'décimales', true);
    if (decimals !== undefined) ind['decimals'] = decimals;
    text('unite', 'unit');
    const target = this.number(row, col('cible'), 'cible');
    if (target !== undefined) ind['target'] = target;
    const baseline = this.number(row, col('reference'), 'valeur de référence');
    if (baseline !== undefined) ind['baseline'] = baseline;
    text('enonce', 'statement');
    delete extra['@dimension'];
    delete extra['@critere'];
    if (isObject(extra['population']) && isObject(ind['population'])) {
      Object.assign(ind['population'], extra['population']);
      delete extra['population'];
    }
    return { ...extra, ...ind };
  }
}

function without(obj: Json, keys: string[]): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(obj)) if (!keys.includes(k)) out[k] = v;
  return out;
}

function findForbidden(v: unknown, depth: number): string | undefined {
  if (depth > 32) return undefined;
  if (Array.isArray(v)) {
    for (const x of v) {
      const bad = findForbidden(x, depth + 1);
      if (bad !== undefined) return bad;
    }
    return undefined;
  }
  if (!isObject(v)) return undefined;
  for (const k of Object.keys(v)) {
    if (isForbiddenName(k)) return k;
    const bad = findForbidden(v[k], depth + 1);
    if (bad !== undefined) return bad;
  }
  return undefined;
}

/**
 * A bundle from a design workbook's sheets, or from a plain XLSForm's (then the framework, segments and
 * internal data are empty). `fileName` gives the title when the form has none.
 */
export function readDesignSheets(sheets: readonly SheetData[], fileName?: string): Result<ImportedBundle> {
  return new DesignReader(sheets).read(fileName);
}

/** Whether the sheets hold Trame's own (a design workbook) rather than a plain XLSForm. */
export function isDesignWorkbook(sheets: readonly SheetData[]): boolean {
  return !!findSheet(sheets, SHEETS.referentiel, 'référentiel');
}
