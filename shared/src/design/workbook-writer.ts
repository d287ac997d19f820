/**
 * The design workbook written from a bundle (the reverse of workbook.ts): the questionnaire as XLSForm
 * sheets (to-xlsform.ts), then Trame's sheets, values only; node/design.ts lays them out with ExcelJS.
 */
import type { Bundle } from '../bundle/schema.js';
import type { SheetCell } from './sheet.js';
import { questionnaireToXlsform } from './to-xlsform.js';
import {
  EVALUATION_COLUMNS,
  EVALUATION_FIELDS,
  INDICATOR_FIELDS,
  INTERNAL_COLUMNS,
  KINDS,
  LIST_FIELDS,
  REFERENTIEL_COLUMNS,
  SEGMENT_COLUMNS,
  SHEETS,
  type ColumnSpec,
  type SheetSpec,
} from './trame-sheets.js';

type Json = Record<string, unknown>;

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
