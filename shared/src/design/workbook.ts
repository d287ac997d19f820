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
import { columnLetter } from '../responses/table.js';
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
import {
  EVALUATION_FIELDS,
  INDICATOR_FIELDS,
  INTERNAL_COLUMNS,
  KIND_ALIASES,
  KINDS,
  REFERENTIEL_COLUMNS,
  SEGMENT_COLUMNS,
  SHEETS,
  type ColumnSpec,
} from './trame-sheets.js';
import { xlsformToQuestionnaire } from './xlsform.js';

export { designSheets } from './workbook-writer.js';

type Json = Record<string, unknown>;

export interface ImportedBundle {
  bundle: Bundle;
  warnings: DesignIssue[];
}

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

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
  private readonly tables = new Map<string, Table>();

  /** The letter of a column of a sheet, by header (only on the way to an error). */
  private letter(sheet: string, header: string | undefined): string | undefined {
    if (header === undefined) return undefined;
    let table = this.tables.get(sheet);
    if (!table) {
      const data = this.sheets.find((s) => s.name === sheet);
      if (!data) return undefined;
      this.tables.set(sheet, (table = new Table(data)));
    }
    const col = table.column(header);
    return col ? columnLetter(col.index) : undefined;
  }

  private locate(path: string, message: string): DesignIssue {
    let p = path;
    const stripped: string[] = [];
    while (p) {
      const origin = this.origins.get(p);
      if (origin) {
        const field = stripped[stripped.length - 1];
        const column = (field && origin.fields?.get(field)) ?? origin.column;
        return issue(origin.sheet, `${message} (${path})`, origin.row, column, this.letter(origin.sheet, column));
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
  const r = new DesignReader(sheets).read(fileName);
  if (!r.ok) return { ok: false, errors: capped(r.errors as DesignIssue[], 'erreurs non listées') };
  return { ok: true, value: { ...r.value, warnings: capped(r.value.warnings, 'avertissements non listés') } };
}

/** Most issues listed: a sheet of 100,000 bad rows gives the first ones and a count, not a 100,000-line answer. */
export const MAX_ISSUES = 200;

function capped(issues: DesignIssue[], what: string): DesignIssue[] {
  if (issues.length <= MAX_ISSUES) return issues;
  const rest = issues.length - MAX_ISSUES;
  const last = issues[MAX_ISSUES - 1]!;
  return [
    ...issues.slice(0, MAX_ISSUES),
    { path: '(fichier)', sheet: last.sheet, message: `… et ${rest} autres ${what}` },
  ];
}

/** Whether the sheets hold Trame's own (a design workbook) rather than a plain XLSForm. */
export function isDesignWorkbook(sheets: readonly SheetData[]): boolean {
  return !!findSheet(sheets, SHEETS.referentiel, 'référentiel');
}
