import { type ChoiceInfo, ownValue, parseNumber, type QuestionInfo, type QuestionnaireCatalog } from '@trame/shared';

/** One column of the responses table: a question, a matrix row or an item of a multiple text. */
export interface AnswerColumn {
  /** Column name in the CSV format (spec §3): `question`, `matrix.row`, `multipletext.item`. */
  code: string;
  label: string;
  question: QuestionInfo;
  /** The stored value for this column. */
  raw(data: Record<string, unknown>): unknown;
  /** What a reader of the workbook sees: choice labels, Oui/Non, numbers as numbers. */
  display(data: Record<string, unknown>): string | number | null;
  /** The value as a CSV cell (re-importable): choice values, `|` between values of a multiple choice. */
  csv(data: Record<string, unknown>): string | number | null;
}

const labelMap = (choices: ChoiceInfo[] | undefined) => new Map((choices ?? []).map((c) => [String(c.value), c.text]));

function scalarText(v: unknown, labels: Map<string, string>): string | number | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return labels.get(String(v)) ?? v;
  if (typeof v === 'boolean') return labels.get(String(v)) ?? (v ? 'Oui' : 'Non');
  if (typeof v === 'string') return labels.get(v) ?? v;
  return JSON.stringify(v);
}

function csvScalar(v: unknown): string | number | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function numeric(q: QuestionInfo) {
  return q.shape === 'number' || q.shape === 'rating';
}

/** The columns of the responses table, in questionnaire order. */
export function answerColumns(catalog: QuestionnaireCatalog): AnswerColumn[] {
  const out: AnswerColumn[] = [];
  for (const q of catalog.questions) {
    const labels = labelMap(q.choices);
    if (q.shape === 'matrix' && q.rows?.length) {
      for (const row of q.rows) {
        const get = (d: Record<string, unknown>) => ownValue(ownValue(d, q.name), String(row.value));
        out.push({
          code: `${q.name}.${String(row.value)}`,
          label: `${q.title} — ${row.text}`,
          question: q,
          raw: get,
          display: (d) => scalarText(get(d), labels),
          csv: (d) => csvScalar(get(d)),
        });
      }
      continue;
    }
    if (q.shape === 'object' && q.items?.length && !q.rows?.length) {
      for (const item of q.items) {
        const get = (d: Record<string, unknown>) => ownValue(ownValue(d, q.name), item.name);
        out.push({
          code: `${q.name}.${item.name}`,
          label: `${q.title} — ${item.title}`,
          question: q,
          raw: get,
          display: (d) => scalarText(get(d), new Map()),
          csv: (d) => csvScalar(get(d)),
        });
      }
      continue;
    }
    // Own keys only: a question or row named `toString` must not be read from Object.prototype. A list
    // stored with `valuePropertyName` (`[{ car: "BMW" }]`) is read as its values, as the engine reads it.
    const prop = q.valuePropertyName;
    const get = (d: Record<string, unknown>) => {
      const v = ownValue(d, q.name);
      return prop && Array.isArray(v) ? v.map((x) => ownValue(x, prop)) : v;
    };
    out.push({
      code: q.name,
      label: q.title,
      question: q,
      raw: get,
      display: (d) => {
        const v = get(d);
        if (Array.isArray(v)) return v.length ? v.map((x) => String(scalarText(x, labels))).join(' | ') : null;
        const n = numeric(q) && typeof v === 'string' ? parseNumber(v) : undefined;
        if (n !== undefined) return n;
        return scalarText(v, labels);
      },
      csv: (d) => {
        const v = get(d);
        // A list of choices is `a|b`; a structured value (dynamic matrix or panels) its JSON, re-importable.
        if (Array.isArray(v) && q.shape !== 'object')
          return v.length ? v.map((x) => String(csvScalar(x))).join('|') : null;
        return csvScalar(v);
      },
    });
  }
  return out;
}
