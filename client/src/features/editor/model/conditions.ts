/**
 * The condition builder's model: "afficher si *question* est *réponse*", clauses joined by one connector
 * (et / ou), written as a SurveyJS expression: `{statut} = 'associe' and {habite} = 'oui'`, and
 * `{q} contains 'x'` for a multiple choice. Reading back accepts exactly what the builder writes; any
 * other expression stays as text (shown in an advanced field) rather than being misread.
 */
export type Operator = 'eq' | 'neq' | 'contains' | 'notcontains' | 'answered' | 'empty';
export interface Clause {
  question: string;
  op: Operator;
  value: string | number | boolean | null;
}
export interface Condition {
  join: 'and' | 'or';
  clauses: Clause[];
}

const OPS: Record<Operator, string> = {
  eq: '=',
  neq: '<>',
  contains: 'contains',
  notcontains: 'notcontains',
  answered: 'notempty',
  empty: 'empty',
};

function literal(v: Clause['value']): string {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return `'${String(v ?? '')
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")}'`;
}

export function buildExpression(c: Condition): string {
  const parts = c.clauses
    .filter((cl) => cl.question)
    .map((cl) =>
      cl.op === 'answered' || cl.op === 'empty'
        ? `{${cl.question}} ${OPS[cl.op]}`
        : `{${cl.question}} ${OPS[cl.op]} ${literal(cl.value)}`,
    );
  return parts.join(` ${c.join} `);
}

const CLAUSE =
  /^\{([^{}]+)\}\s+(=|<>|!=|contains|notcontains|notempty|empty)(?:\s+('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false))?$/i;

const READ_OPS: Record<string, Operator> = {
  '=': 'eq',
  '<>': 'neq',
  '!=': 'neq',
  contains: 'contains',
  notcontains: 'notcontains',
  notempty: 'answered',
  empty: 'empty',
};

function readClause(text: string): Clause | null {
  const m = CLAUSE.exec(text.trim());
  if (!m) return null;
  const raw = m[2]!.toLowerCase();
  const op: Operator | undefined = READ_OPS[raw];
  if (!op) return null;
  const lit = m[3];
  if ((op === 'answered' || op === 'empty') !== (lit === undefined)) return null;
  let value: Clause['value'] = null;
  if (lit !== undefined) {
    if (/^['"]/.test(lit)) value = lit.slice(1, -1).replace(/\\(.)/g, '$1');
    else if (lit === 'true' || lit === 'false') value = lit === 'true';
    else value = Number(lit);
  }
  return { question: m[1]!.trim(), op, value };
}

/** The builder's reading of an expression, or null when it is not one the builder writes. */
export function parseExpression(expr: string | undefined): Condition | null {
  const text = (expr ?? '').trim();
  if (text === '') return { join: 'and', clauses: [] };
  // Split on the connectors outside quotes; a mix of "and" and "or" is left to the text field.
  const tokens: string[] = [];
  const joins = new Set<string>();
  let cur = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      cur += ch;
      if (ch === '\\') cur += text[++i] ?? '';
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    if (ch === '(' || ch === ')') return null;
    const rest = text.slice(i);
    const m = /^\s+(and|or)\s+/i.exec(rest);
    if (m) {
      tokens.push(cur);
      joins.add(m[1]!.toLowerCase());
      cur = '';
      i += m[0].length - 1;
      continue;
    }
    cur += ch;
  }
  tokens.push(cur);
  if (joins.size > 1) return null;
  const clauses = tokens.map(readClause);
  if (clauses.some((c) => c === null)) return null;
  return { join: joins.has('or') ? 'or' : 'and', clauses: clauses as Clause[] };
}

/** Question names an expression reads (`{q}`, `{matrix.row}` → `matrix.row`). */
export function namesIn(expr: string | undefined): string[] {
  return [...(expr ?? '').matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!.trim());
}

/** The expression with `{old}` and `{old.row}` renamed to `{next}`, `{next.row}`. */
export function renameInExpression(expr: string, old: string, next: string): string {
  return expr.replace(/\{([^{}]+)\}/g, (all, name: string) => {
    const n = name.trim();
    if (n === old) return `{${next}}`;
    if (n.startsWith(`${old}.`)) return `{${next}${n.slice(old.length)}}`;
    return all;
  });
}
