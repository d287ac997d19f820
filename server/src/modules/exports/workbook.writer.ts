import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  type Bundle,
  type Figure,
  type IndicatorResult,
  ownValue,
  type QuestionnaireCatalog,
  type Results,
  statementSentence,
  valueKey,
} from '@trame/shared';
import type { StoredResponse } from '../responses/response-reader.js';
import { answerColumns } from './columns.js';
import { cell, neutralise } from './neutralise.js';

export interface WorkbookInput {
  bundle: Bundle;
  catalog: QuestionnaireCatalog;
  results: Results;
  campaign: { title: string; slug: string; url: string };
  counts: { complete: number; partial: number };
  responses: AsyncIterable<StoredResponse[]>;
  now?: Date;
}

type Row = (string | number | boolean | null)[];
const txt = (s: string | null | undefined) => (s === null || s === undefined ? null : neutralise(s));

/**
 * The campaign workbook, written with ExcelJS's streaming writer: each row is committed as soon as it is
 * built, so 100k responses never sit in memory as cells. Sheets: Synthèse, Réponses, Verbatims,
 * Données internes, Méthode. Every text cell goes through `neutralise` (formula injection).
 */
export async function writeWorkbook(stream: Writable, input: WorkbookInput): Promise<void> {
  // No styles: ExcelJS's style bookkeeping made the streaming write ~3× slower (measured on 20k rows), and
  // bold headers are not worth that at 100k responses. Frozen header rows (views) need no styles.
  // Inline strings (no shared-strings table): memory stays flat whatever the number of distinct answers.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: false });
  wb.creator = 'Trame';
  wb.created = input.now ?? new Date();
  writeSynthesis(wb, input);
  const verbatims = await writeResponses(wb, input, stream);
  await writeVerbatims(wb, input, verbatims, stream);
  writeInternalData(wb, input.bundle);
  writeMethod(wb, input);
  await wb.commit();
}

function header(ws: ExcelJS.Worksheet, values: Row): void {
  ws.addRow(values.map((v) => (typeof v === 'string' ? neutralise(v) : v))).commit();
}

function writeSynthesis(wb: ExcelJS.stream.xlsx.WorkbookWriter, { bundle, results }: WorkbookInput): void {
  const ws = wb.addWorksheet('Synthèse', { views: [{ state: 'frozen', ySplit: 1 }] });
  const groups = bundle.segments.flatMap((s) => s.groups.map((g) => ({ segment: s, group: g })));
  header(ws, [
    'Dimension',
    'Critère',
    'Code',
    'Indicateur',
    'Type',
    'Valeur',
    'Valeur exacte',
    'n',
    'N',
    'IC 95 % bas',
    'IC 95 % haut',
    'Petit effectif',
    'Phrase',
    ...groups.flatMap(({ group }) => [
      `${group.label ?? group.code} : valeur`,
      `${group.label ?? group.code} : n`,
      `${group.label ?? group.code} : N`,
    ]),
  ]);
  const byCode = new Map(results.indicators.map((r) => [r.code, r]));
  for (const d of bundle.framework.dimensions) {
    for (const c of d.criteria) {
      for (const ind of c.indicators) {
        const r = byCode.get(ind.code);
        if (!r) continue;
        const per = groups.flatMap(({ segment, group }) => {
          const f = ownValue(ownValue(r.breakdown, segment.code), group.code) as Figure | undefined;
          return f ? [f.rounded ?? null, f.numerator ?? null, f.denominator ?? null] : [null, null, null];
        });
        ws.addRow([
          txt(d.title),
          txt(c.title),
          txt(ind.code),
          txt(ind.title ?? ind.code),
          ind.kind,
          r.rounded ?? null,
          r.value ?? null,
          r.numerator ?? null,
          r.denominator ?? null,
          r.ci95?.[0] ?? null,
          r.ci95?.[1] ?? null,
          r.smallSample === undefined ? null : r.smallSample ? 'oui' : 'non',
          txt(sentence(bundle, ind, r)),
          ...per,
        ]).commit();
        if (r.kind === 'distribution') writeChoices(ws, d.title, c.title, ind.code, r);
      }
    }
  }
  ws.commit();
}

function writeChoices(ws: ExcelJS.Worksheet, dim: string, crit: string, code: string, r: IndicatorResult): void {
  for (const choice of r.choices ?? []) {
    ws.addRow([
      txt(dim),
      txt(crit),
      txt(code),
      txt(`   ${String(choice.value)}`),
      'choix',
      choice.rounded,
      choice.percent,
      choice.count,
      r.denominator ?? null,
    ]).commit();
  }
}

function sentence(bundle: Bundle, ind: Parameters<typeof statementSentence>[1], r: IndicatorResult): string | null {
  try {
    return statementSentence(bundle, ind, r);
  } catch {
    return null;
  }
}

interface Verbatim {
  question: number;
  respondent: number;
  segments: string[];
  text: string;
}

async function writeResponses(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  input: WorkbookInput,
  stream: Writable,
): Promise<Verbatim[]> {
  const { catalog, bundle } = input;
  const columns = answerColumns(catalog);
  const ws = wb.addWorksheet('Réponses', { views: [{ state: 'frozen', ySplit: 2, xSplit: 1 }] });
  header(ws, ['N°', 'Identifiant', 'Envoyée le', ...columns.map((c) => c.label)]);
  header(ws, [null, 'id', 'submittedAt', ...columns.map((c) => c.code)]);
  const freeText = catalog.questions.map((q, i) => ({ q, i })).filter(({ q }) => q.shape === 'text' || q.hasComment);
  const verbatims: Verbatim[] = [];
  let n = 0;
  for await (const batch of input.responses) {
    for (const r of batch) {
      n++;
      const row: Row = [n, txt(r.uuid), txt(r.submittedAt)];
      for (const c of columns) row.push(cell(c.display(r.data)));
      ws.addRow(row).commit();
      for (const { q, i } of freeText) {
        const texts = [
          q.shape === 'text' ? ownValue(r.data, q.name) : undefined,
          q.hasComment ? ownValue(r.data, `${q.name}-Comment`) : undefined,
        ];
        for (const t of texts) {
          if (typeof t === 'string' && t.trim() !== '')
            verbatims.push({ question: i, respondent: n, segments: segmentLabels(bundle, r.data), text: t });
        }
      }
    }
    await backpressure(ws, stream);
  }
  ws.commit();
  return verbatims;
}

const MAX_BACKLOG = 4 * 1024 * 1024;

/**
 * ExcelJS's streaming writer has no backpressure: committed rows are pushed into the zip entry's
 * PassThrough whatever deflate and the socket can take (ExcelJS 4.4 `StreamBuf.write` never returns
 * false), so at 100k rows ~250 MB of uncompressed XML piled up. Between batches, wait until that backlog
 * is under 4 MB and the response stream is drained. Reads ExcelJS/readable-stream internals defensively:
 * if their shape changes, this only stops throttling.
 */
async function backpressure(ws: ExcelJS.Worksheet, out: Writable): Promise<void> {
  const entry = (
    ws as unknown as {
      stream?: { pipes?: { _writableState?: { length?: number }; _readableState?: { length?: number } }[] };
    }
  ).stream?.pipes?.[0];
  const backlog = () => (entry?._writableState?.length ?? 0) + (entry?._readableState?.length ?? 0);
  while (backlog() > MAX_BACKLOG) await new Promise((resolve) => setTimeout(resolve, 1));
  if (out.writableNeedDrain) await once(out, 'drain');
  else await new Promise((resolve) => setImmediate(resolve));
}

function segmentLabels(bundle: Bundle, data: Record<string, unknown>): string[] {
  return bundle.segments.map((s) => {
    const v = ownValue(data, s.question);
    const keys = new Set((Array.isArray(v) ? v : [v]).map(valueKey));
    return s.groups
      .filter((g) => g.values.some((x) => keys.has(valueKey(x))))
      .map((g) => g.label ?? g.code)
      .join(', ');
  });
}

/** Verbatim rows between two waits for the zip entry and the socket: a million of them took seconds. */
const VERBATIM_BATCH = 2000;

async function writeVerbatims(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  { bundle, catalog }: WorkbookInput,
  verbatims: Verbatim[],
  stream: Writable,
): Promise<void> {
  const ws = wb.addWorksheet('Verbatims', { views: [{ state: 'frozen', ySplit: 1 }] });
  header(ws, ['Code', 'Question', 'Réponse n°', ...bundle.segments.map((s) => s.label ?? s.code), 'Verbatim']);
  verbatims.sort((a, b) => a.question - b.question || a.respondent - b.respondent);
  for (const [k, v] of verbatims.entries()) {
    if (k > 0 && k % VERBATIM_BATCH === 0) await backpressure(ws, stream);
    const q = catalog.questions[v.question]!;
    ws.addRow([
      txt(q.name),
      txt(q.title),
      v.respondent,
      ...v.segments.map((s) => txt(s || null)),
      txt(v.text),
    ]).commit();
  }
  ws.commit();
}

function writeInternalData(wb: ExcelJS.stream.xlsx.WorkbookWriter, bundle: Bundle): void {
  const ws = wb.addWorksheet('Données internes');
  header(ws, ['Code', 'Libellé', 'Valeur', 'Unité', 'Période', 'Source']);
  for (const d of bundle.internalData) {
    ws.addRow([
      txt(d.code),
      txt(d.label),
      d.value,
      txt(d.unit ?? null),
      txt(d.period ?? null),
      txt(d.source ?? null),
    ]).commit();
  }
  ws.commit();
}

function writeMethod(wb: ExcelJS.stream.xlsx.WorkbookWriter, input: WorkbookInput): void {
  const { bundle, results, counts, campaign } = input;
  const threshold = bundle.settings?.smallSampleThreshold ?? 30;
  const ws = wb.addWorksheet('Méthode');
  header(ws, ['Élément', 'Valeur']);
  const rows: [string, string | number][] = [
    ['Évaluation', bundle.title],
    ['Organisation', bundle.organization?.name ?? ''],
    ['Campagne', campaign.title],
    ['Lien de l’enquête', campaign.url],
    ['Date de l’export', (input.now ?? new Date()).toISOString()],
    ['Réponses complètes (comptées)', counts.complete],
    ['Réponses partielles (non comptées)', counts.partial],
    ['Répondants pris en compte', results.respondents.total],
    ['Règle 1', 'Seules les réponses complètes sont comptées.'],
    [
      'Règle 2',
      'Chaque pourcentage est calculé sur les personnes qui ont répondu à la question : les réponses absentes, les questions masquées et les réponses exclues (par exemple « Je ne sais pas ») sont hors du dénominateur.',
    ],
    [
      'Règle 3',
      'n = nombre de réponses positives, N = nombre de personnes qui ont répondu (dénominateur). Sans réponse, la valeur est vide (jamais 0).',
    ],
    ['Règle 4', 'Arrondi au plus proche, les demis s’éloignant de zéro (62,5 → 63).'],
    ['Règle 5', 'Intervalle de confiance à 95 % de Wilson pour les pourcentages.'],
    ['Règle 6', `Petit effectif : dénominateur inférieur à ${threshold}.`],
    ['Règle 7', 'Par segment : le même calcul répété dans chaque groupe (statut, profil…).'],
    ['Moteur', 'Trame, format trame-results/1 (docs/formats.md).'],
  ];
  for (const [k, v] of rows) ws.addRow([txt(k), typeof v === 'number' ? v : txt(v)]).commit();
  ws.commit();
}

export type { Figure };
