/**
 * XLSForm expressions (`relevant`, `constraint`, `calculation`, `choice_filter`: a subset of XPath 1.0 with
 * ODK's functions) to SurveyJS expressions and back. Both are parsed into one small tree, rewritten, then
 * written out. Only what means the same on both sides is translated; anything else (paths, `..`,
 * `string-length`, `jr:choice-name`, `pulldata`…) throws an ExpressionError whose French message the
 * caller turns into a warning, as the form is still usable without it.
 *
 * Meaning notes (ODK → SurveyJS):
 * - `selected(${q}, 'x')` is `{q} contains 'x'` for a select_multiple, `{q} = 'x'` for a select_one (ODK's
 *   `selected` on a select_one tests the single value); a run of `or`ed tests of one question's values is
 *   written `{q} anyof ['a', 'b']`, which is what SurveyJS authors write and reads back the same.
 * - `${q} = ''` is `{q} empty`, `${q} != ''` is `{q} notempty`.
 * - `.` is the question itself: in SurveyJS a validator names its question (`{q}`).
 * - Inside a repeat, a question of the same repeat is `{panel.q}` (SurveyJS's dynamic panel scope).
 */
import {
  fail,
  parseSurveyjsExpression,
  parseXlsformExpression,
  type BinaryOperator,
  type Expr,
} from './expression-parser.js';

export {
  ExpressionError,
  parseSurveyjsExpression,
  parseXlsformExpression,
  type BinaryOperator,
  type Expr,
} from './expression-parser.js';

// ---------------------------------------------------------------------------------------------------------
// XLSForm → SurveyJS

export type QuestionKind = 'single' | 'multiple' | 'number' | 'other';

export interface ToSurveyjsContext {
  /** The question the expression belongs to: what `.` stands for. */
  self?: string;
  /** What kind of value a question of the form holds; undefined for a name the form does not have. */
  kindOf(name: string): QuestionKind | undefined;
  /** Whether a question sits in the same repeat as the expression's question (`{panel.q}`). */
  inSameRepeat?(name: string): boolean;
  /** Why a name is no question (the default message: unknown question). */
  missing?(name: string): string | undefined;
  /** In a choice_filter: a column of the choice being filtered (`name` is its value). */
  choiceColumn?(name: string): string | number | boolean | undefined;
}

const isConst = (e: Expr): e is Extract<Expr, { k: 'str' | 'num' | 'bool' }> =>
  e.k === 'str' || e.k === 'num' || e.k === 'bool';

const FLIP: Partial<Record<BinaryOperator, BinaryOperator>> = {
  '=': '=',
  '!=': '!=',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
};

function constValue(e: Expr): string | number | boolean {
  return (e as { v: string | number | boolean }).v;
}

/** `'a' = 'b'` and the like, which a choice_filter gives once the choice's columns are put in. */
function foldComparison(op: BinaryOperator, l: Expr, r: Expr): Expr | undefined {
  if (!isConst(l) || !isConst(r)) return undefined;
  const a = constValue(l);
  const b = constValue(r);
  const numeric = typeof a === 'number' || typeof b === 'number';
  const x = numeric ? Number(a) : String(a);
  const y = numeric ? Number(b) : String(b);
  switch (op) {
    case '=':
      return { k: 'bool', v: x === y };
    case '!=':
      return { k: 'bool', v: x !== y };
    case '<':
      return { k: 'bool', v: x < y };
    case '<=':
      return { k: 'bool', v: x <= y };
    case '>':
      return { k: 'bool', v: x > y };
    case '>=':
      return { k: 'bool', v: x >= y };
    default:
      return undefined;
  }
}

class ToSurveyjs {
  constructor(private readonly ctx: ToSurveyjsContext) {}

  private variable(name: string): Expr {
    if (this.ctx.kindOf(name) === undefined) fail(this.ctx.missing?.(name) ?? `question inconnue « ${name} »`);
    return { k: 'var', name: this.ctx.inSameRepeat?.(name) ? `panel.${name}` : name };
  }

  /** The question a node reads, if it is a plain reference (`${q}` or `.`). */
  private questionOf(e: Expr): string | undefined {
    if (e.k === 'var') return e.name;
    if (e.k === 'self') return this.ctx.self;
    return undefined;
  }

  run(e: Expr): Expr {
    switch (e.k) {
      case 'var':
        return this.variable(e.name);
      case 'self':
        if (!this.ctx.self) return fail('« . » (la question elle-même) n’a pas de sens ici');
        return this.variable(this.ctx.self);
      case 'field': {
        if (!this.ctx.choiceColumn) return fail(`nom « ${e.name} » inattendu (une question s’écrit \${${e.name}})`);
        const v = this.ctx.choiceColumn(e.name);
        if (v === undefined) return fail(`colonne « ${e.name} » absente de la feuille choices`);
        return typeof v === 'number'
          ? { k: 'num', v, raw: String(v) }
          : typeof v === 'boolean'
            ? { k: 'bool', v }
            : { k: 'str', v };
      }
      case 'str':
      case 'num':
      case 'bool':
        return e;
      case 'array':
        return { k: 'array', items: e.items.map((i) => this.run(i)) };
      case 'neg': {
        const inner = this.run(e.e);
        return inner.k === 'num' ? { k: 'num', v: -inner.v, raw: `-${inner.raw}` } : { k: 'neg', e: inner };
      }
      case 'not':
        return negate(this.run(e.e));
      case 'empty':
        return { k: 'empty', e: this.run(e.e), not: e.not };
      case 'call':
        return this.call(e.fn, e.args);
      case 'bin':
        return this.binary(e.op, e.l, e.r);
    }
  }

  private binary(op: BinaryOperator, l0: Expr, r0: Expr): Expr {
    if (op === 'or' || op === 'and') {
      const l = this.run(l0);
      const r = this.run(r0);
      if (l.k === 'bool') return op === 'or' ? (l.v ? l : r) : l.v ? r : l;
      if (r.k === 'bool') return op === 'or' ? (r.v ? r : l) : r.v ? l : r;
      if (op === 'or') {
        const folded = foldAnyOf(l, r);
        if (folded) return folded;
      }
      return { k: 'bin', op, l, r };
    }
    if ((op === '=' || op === '!=') && (isEmptyString(l0) || isEmptyString(r0))) {
      const other = isEmptyString(l0) ? r0 : l0;
      return { k: 'empty', e: this.run(other), not: op === '!=' };
    }
    let l = this.run(l0);
    let r = this.run(r0);
    const folded = foldComparison(op, l, r);
    if (folded) return folded;
    const flipped = FLIP[op];
    if (flipped && isConst(l) && !isConst(r)) {
      [l, r] = [r, l];
      op = flipped;
    }
    return { k: 'bin', op, l, r };
  }

  private call(fn: string, args: Expr[]): Expr {
    const arity = (n: number) => {
      if (args.length !== n) fail(`${fn}() attend ${n} argument${n > 1 ? 's' : ''}`);
    };
    switch (fn) {
      case 'selected': {
        arity(2);
        const name = this.questionOf(args[0]!);
        if (!name) return fail('selected() attend une question en premier argument');
        const value = this.run(args[1]!);
        if (!isConst(value)) return fail('selected() attend une valeur en second argument');
        const target = this.run(args[0]!);
        const kind = this.ctx.kindOf(name);
        if (kind === 'multiple') return { k: 'bin', op: 'contains', l: target, r: value };
        if (kind === 'single') return { k: 'bin', op: '=', l: target, r: value };
        return { k: 'bin', op: 'anyof', l: target, r: { k: 'array', items: [value] } };
      }
      case 'not': {
        arity(1);
        const inner = this.run(args[0]!);
        return negate(inner);
      }
      case 'count-selected':
        arity(1);
        return { k: 'call', fn: 'count', args: [this.run(args[0]!)] };
      case 'if':
        arity(3);
        return { k: 'call', fn: 'iif', args: args.map((a) => this.run(a)) };
      case 'true':
      case 'false':
        arity(0);
        return { k: 'bool', v: fn === 'true' };
      case 'today':
        arity(0);
        return { k: 'call', fn: 'today', args: [] };
      case 'now':
        arity(0);
        return { k: 'call', fn: 'currentDate', args: [] };
      case 'int':
        arity(1);
        return { k: 'call', fn: 'trunc', args: [this.run(args[0]!)] };
      case 'round':
        if (args.length !== 1 && args.length !== 2) fail('round() attend 1 ou 2 arguments');
        return { k: 'call', fn: 'round', args: args.map((a) => this.run(a)) };
      case 'date': {
        arity(1);
        const v = this.run(args[0]!);
        if (v.k !== 'str' || !/^\d{4}-\d{2}-\d{2}$/.test(v.v)) return fail('date() attend une date « AAAA-MM-JJ »');
        return v;
      }
      default:
        return fail(`la fonction ${fn}() n’a pas d’équivalent SurveyJS`);
    }
  }
}

const isEmptyString = (e: Expr) => e.k === 'str' && e.v === '';

function negate(e: Expr): Expr {
  if (e.k === 'bool') return { k: 'bool', v: !e.v };
  if (e.k === 'empty') return { ...e, not: !e.not };
  if (e.k === 'bin') {
    if (e.op === 'contains') return { ...e, op: 'notcontains' };
    if (e.op === 'notcontains') return { ...e, op: 'contains' };
    if (e.op === '=') return { ...e, op: '!=' };
    if (e.op === '!=') return { ...e, op: '=' };
    if (e.op === 'anyof') return { ...e, op: 'noneof' };
    if (e.op === 'noneof') return { ...e, op: 'anyof' };
  }
  return { k: 'not', e };
}

/** `{q} = 'a' or {q} = 'b'` (or `contains`) → `{q} anyof ['a', 'b']`. */
function foldAnyOf(l: Expr, r: Expr): Expr | undefined {
  const parts = (e: Expr): { name: string; values: Expr[] } | undefined => {
    if (e.k !== 'bin') return undefined;
    if (e.l.k !== 'var') return undefined;
    if ((e.op === '=' || e.op === 'contains') && isConst(e.r)) return { name: e.l.name, values: [e.r] };
    if (e.op === 'anyof' && e.r.k === 'array') return { name: e.l.name, values: e.r.items };
    return undefined;
  };
  const a = parts(l);
  const b = parts(r);
  if (!a || !b || a.name !== b.name) return undefined;
  return { k: 'bin', op: 'anyof', l: { k: 'var', name: a.name }, r: { k: 'array', items: [...a.values, ...b.values] } };
}

const LEVEL: Record<BinaryOperator, number> = {
  or: 1,
  and: 2,
  '=': 3,
  '!=': 3,
  '<': 3,
  '<=': 3,
  '>': 3,
  '>=': 3,
  contains: 3,
  notcontains: 3,
  anyof: 3,
  allof: 3,
  noneof: 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
};

function levelOf(e: Expr): number {
  if (e.k === 'bin') return LEVEL[e.op];
  if (e.k === 'empty') return 3;
  if (e.k === 'neg' || e.k === 'not') return 6;
  return 7;
}

function quote(s: string, escape: boolean): string {
  if (!s.includes("'")) return `'${s}'`;
  if (!s.includes('"')) return `"${s}"`;
  if (escape) return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return fail('un texte ne peut contenir à la fois « \' » et « " » dans une expression XLSForm');
}

function writeSurveyjs(e: Expr): string {
  const sub = (c: Expr, min: number) => (levelOf(c) < min ? `(${writeSurveyjs(c)})` : writeSurveyjs(c));
  switch (e.k) {
    case 'var':
      return `{${e.name}}`;
    case 'self':
    case 'field':
      return fail('référence non traduite');
    case 'str':
      return quote(e.v, true);
    case 'num':
      return String(e.v);
    case 'bool':
      return String(e.v);
    case 'array':
      return `[${e.items.map(writeSurveyjs).join(', ')}]`;
    case 'neg':
      return `-${sub(e.e, 7)}`;
    case 'not':
      return `!(${writeSurveyjs(e.e)})`;
    case 'empty':
      return `${sub(e.e, 4)} ${e.not ? 'notempty' : 'empty'}`;
    case 'call':
      return `${e.fn}(${e.args.map(writeSurveyjs).join(', ')})`;
    case 'bin': {
      const level = LEVEL[e.op];
      // Comparisons do not chain; arithmetic is left-associative.
      const left = sub(e.l, level === 3 ? 4 : level);
      const right = sub(e.r, level <= 2 ? level : level + 1);
      return `${left} ${e.op} ${right}`;
    }
  }
}

/** An XLSForm expression as SurveyJS writes it. Throws ExpressionError when it has no equivalent. */
export function xlsformToSurveyjs(text: string, ctx: ToSurveyjsContext): string {
  return writeSurveyjs(new ToSurveyjs(ctx).run(parseXlsformExpression(text)));
}

/** The same, as a tree (to look for min/max bounds in a constraint). */
export function xlsformToSurveyjsTree(text: string, ctx: ToSurveyjsContext): Expr {
  return new ToSurveyjs(ctx).run(parseXlsformExpression(text));
}

export { writeSurveyjs as writeSurveyjsExpression };

// ---------------------------------------------------------------------------------------------------------
// SurveyJS → XLSForm

export interface ToXlsformContext {
  /** The question the expression belongs to: `{self}` is written `.`. */
  self?: string;
}

function xlsformVariable(name: string, ctx: ToXlsformContext): string {
  const plain = name.startsWith('panel.') ? name.slice(6) : name;
  if (plain === ctx.self) return '.';
  if (!/^[A-Za-z_][\w.-]*$/.test(plain) || plain.includes('.') || plain.startsWith('$'))
    fail(`la référence « {${name}} » n’a pas d’équivalent XLSForm`);
  if (/-(Comment|unwrapped|total)$/.test(plain)) fail(`la référence « {${name}} » n’a pas d’équivalent XLSForm`);
  return `\${${plain}}`;
}

function writeXlsform(e: Expr, ctx: ToXlsformContext): string {
  const w = (c: Expr) => writeXlsform(c, ctx);
  const sub = (c: Expr, min: number) => (xlsLevel(c) < min ? `(${w(c)})` : w(c));
  switch (e.k) {
    case 'var':
      return xlsformVariable(e.name, ctx);
    case 'self':
      return '.';
    case 'field':
      return e.name;
    case 'str':
      return quote(e.v, false);
    case 'num':
      return String(e.v);
    case 'bool':
      return e.v ? 'true()' : 'false()';
    case 'array':
      return fail('une liste de valeurs n’a de sens qu’après anyof, allof ou noneof');
    case 'neg':
      return `-${sub(e.e, 7)}`;
    case 'not':
      return `not(${w(e.e)})`;
    case 'empty':
      return `${sub(e.e, 4)} ${e.not ? '!=' : '='} ''`;
    case 'call':
      return xlsformCall(e.fn, e.args, ctx);
    case 'bin': {
      const values = (r: Expr): Expr[] => {
        if (r.k === 'array') return r.items;
        if (isConst(r)) return [r];
        return fail(`${e.op} attend une liste de valeurs`);
      };
      const selected = (v: Expr) => `selected(${w(e.l)}, ${w(v)})`;
      switch (e.op) {
        case 'contains':
          return selected(e.r);
        case 'notcontains':
          return `not(${selected(e.r)})`;
        case 'anyof':
        case 'noneof': {
          const vs = values(e.r);
          if (vs.length === 0) return e.op === 'anyof' ? 'false()' : 'true()';
          const any = vs.map(selected).join(' or ');
          return e.op === 'anyof' ? (vs.length > 1 ? `(${any})` : any) : `not(${any})`;
        }
        case 'allof': {
          const vs = values(e.r);
          if (vs.length === 0) return 'true()';
          return vs.length > 1 ? `(${vs.map(selected).join(' and ')})` : selected(vs[0]!);
        }
        default: {
          const level = LEVEL[e.op];
          const op = e.op === '/' ? 'div' : e.op === '%' ? 'mod' : e.op;
          const left = sub(e.l, level === 3 ? 4 : level);
          const right = sub(e.r, level <= 2 ? level : level + 1);
          return `${left} ${op} ${right}`;
        }
      }
    }
  }
}

function xlsLevel(e: Expr): number {
  if (e.k === 'bin' && ['contains', 'notcontains', 'anyof', 'allof', 'noneof'].includes(e.op)) return 7;
  return levelOf(e);
}

function xlsformCall(fn: string, args: Expr[], ctx: ToXlsformContext): string {
  const list = () => args.map((a) => writeXlsform(a, ctx)).join(', ');
  switch (fn.toLowerCase()) {
    case 'iif':
      return `if(${list()})`;
    case 'count':
      if (args.length !== 1) return fail('count() à plusieurs arguments n’a pas d’équivalent XLSForm');
      return `count-selected(${list()})`;
    case 'today':
      return 'today()';
    case 'currentdate':
      return 'now()';
    case 'trunc':
      return `int(${list()})`;
    case 'round':
      return `round(${list()})`;
    default:
      return fail(`la fonction ${fn}() n’a pas d’équivalent XLSForm`);
  }
}

/** A SurveyJS expression as XLSForm writes it. Throws ExpressionError when it has no equivalent. */
export function surveyjsToXlsform(text: string, ctx: ToXlsformContext = {}): string {
  return writeXlsform(parseSurveyjsExpression(text), ctx);
}

/** The same from a tree. */
export function writeXlsformExpression(e: Expr, ctx: ToXlsformContext = {}): string {
  return writeXlsform(e, ctx);
}
