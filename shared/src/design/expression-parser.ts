/**
 * The parser shared by both directions of expression.ts: XLSForm's expressions (XPath 1.0 with ODK's
 * `${q}` and functions) and SurveyJS's, tokenised each in its own syntax, parsed into one tree. Bounded:
 * an expression's length and nesting are capped (cells are user data), and every refusal is an
 * ExpressionError with a French message.
 */

export class ExpressionError extends Error {}

export type BinaryOperator =
  | 'or'
  | 'and'
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | 'contains'
  | 'notcontains'
  | 'anyof'
  | 'allof'
  | 'noneof';

export type Expr =
  | { k: 'var'; name: string }
  | { k: 'self' }
  | { k: 'field'; name: string }
  | { k: 'str'; v: string }
  | { k: 'num'; v: number; raw: string }
  | { k: 'bool'; v: boolean }
  | { k: 'array'; items: Expr[] }
  | { k: 'bin'; op: BinaryOperator; l: Expr; r: Expr }
  | { k: 'not'; e: Expr }
  | { k: 'neg'; e: Expr }
  | { k: 'empty'; e: Expr; not: boolean }
  | { k: 'call'; fn: string; args: Expr[] };

/** Bound on an expression's length and nesting: cells are user data. */
const MAX_LENGTH = 4000;
const MAX_NESTING = 64;

type Token =
  | { t: 'var'; v: string; at: number }
  | { t: 'str'; v: string; at: number }
  | { t: 'num'; v: string; at: number }
  | { t: 'name'; v: string; at: number }
  | { t: 'op'; v: string; at: number }
  | { t: 'end'; at: number };

export const fail = (message: string): never => {
  throw new ExpressionError(message);
};

function checkLength(text: string) {
  if (text.length > MAX_LENGTH) fail(`expression de plus de ${MAX_LENGTH} caractères`);
}

/** Tokens of an XLSForm expression. */
function xlsformTokens(text: string): Token[] {
  checkLength(text);
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = i;
    if (c === '$' && text[i + 1] === '{') {
      const end = text.indexOf('}', i);
      if (end < 0) fail('« ${ » sans « } » fermant');
      const name = text.slice(i + 2, end).trim();
      if (!name) fail('référence « ${} » vide');
      out.push({ t: 'var', v: name, at });
      i = end + 1;
    } else if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) fail('texte entre guillemets non fermé');
      out.push({ t: 'str', v: text.slice(i + 1, end), at });
      i = end + 1;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^(?:\d+(?:\.\d*)?|\.\d+)/.exec(text.slice(i))!;
      out.push({ t: 'num', v: m[0], at });
      i += m[0].length;
    } else if (c === '.') {
      if (text[i + 1] === '.') fail('« .. » (le groupe parent) n’a pas d’équivalent SurveyJS');
      out.push({ t: 'op', v: '.', at });
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][\w.:-]*/.exec(text.slice(i))!;
      let name = m[0];
      // `a-1` is a name in XPath only when written without spaces; a trailing `-` is the operator.
      while (name.endsWith('-') || name.endsWith('.')) name = name.slice(0, -1);
      out.push({ t: 'name', v: name, at });
      i += name.length;
    } else {
      const two = text.slice(i, i + 2);
      if (two === '!=' || two === '<=' || two === '>=') {
        out.push({ t: 'op', v: two, at });
        i += 2;
      } else if ('=<>+-*(),'.includes(c)) {
        out.push({ t: 'op', v: c, at });
        i++;
      } else if (c === '/') fail('les chemins XPath (« / ») n’ont pas d’équivalent SurveyJS');
      else if (c === '|') fail('l’union XPath (« | ») n’a pas d’équivalent SurveyJS');
      else fail(`caractère inattendu « ${c} »`);
    }
  }
  out.push({ t: 'end', at: text.length });
  return out;
}

/** Tokens of a SurveyJS expression. */
function surveyjsTokens(text: string): Token[] {
  checkLength(text);
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = i;
    if (c === '{') {
      const end = text.indexOf('}', i);
      if (end < 0) fail('« { » sans « } » fermant');
      out.push({ t: 'var', v: text.slice(i + 1, end).trim(), at });
      i = end + 1;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let v = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        v += text[j];
        j++;
      }
      if (j >= text.length) fail('texte entre guillemets non fermé');
      out.push({ t: 'str', v, at });
      i = j + 1;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?/i.exec(text.slice(i))!;
      out.push({ t: 'num', v: m[0], at });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_]\w*/.exec(text.slice(i))!;
      out.push({ t: 'name', v: m[0], at });
      i += m[0].length;
    } else {
      const two = text.slice(i, i + 2);
      if (['!=', '<=', '>=', '==', '<>', '&&', '||', '*='].includes(two)) {
        out.push({ t: 'op', v: two, at });
        i += 2;
      } else if ('=<>+-*/%^!()[],'.includes(c)) {
        out.push({ t: 'op', v: c, at });
        i++;
      } else fail(`caractère inattendu « ${c} »`);
    }
  }
  out.push({ t: 'end', at: text.length });
  return out;
}

class Parser {
  private i = 0;
  private depth = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly dialect: 'xlsform' | 'surveyjs',
  ) {}

  parse(): Expr {
    const e = this.or();
    const t = this.peek();
    if (t.t !== 'end') fail(`« ${'v' in t ? t.v : ''} » inattendu (position ${t.at + 1})`);
    return e;
  }

  private peek(): Token {
    return this.tokens[this.i]!;
  }
  private next(): Token {
    return this.tokens[this.i++]!;
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.v === v;
  }
  private isWord(...words: string[]): string | undefined {
    const t = this.peek();
    if (t.t !== 'name') return undefined;
    const w = this.dialect === 'surveyjs' ? t.v.toLowerCase() : t.v;
    return words.includes(w) ? w : undefined;
  }
  private expect(v: string) {
    if (!this.isOp(v)) fail(`« ${v} » attendu (position ${this.peek().at + 1})`);
    this.i++;
  }

  private nest<T>(f: () => T): T {
    if (++this.depth > MAX_NESTING) fail('expression trop imbriquée');
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  private or(): Expr {
    let l = this.and();
    while (this.isWord('or') || this.isOp('||')) {
      this.i++;
      l = { k: 'bin', op: 'or', l, r: this.and() };
    }
    return l;
  }

  private and(): Expr {
    let l = this.comparison();
    while (this.isWord('and') || this.isOp('&&')) {
      this.i++;
      l = { k: 'bin', op: 'and', l, r: this.comparison() };
    }
    return l;
  }

  private comparisonOperator(): BinaryOperator | 'empty' | 'notempty' | undefined {
    const t = this.peek();
    if (t.t === 'op') {
      const map: Record<string, BinaryOperator> = {
        '=': '=',
        '==': '=',
        '!=': '!=',
        '<>': '!=',
        '<': '<',
        '<=': '<=',
        '>': '>',
        '>=': '>=',
        '*=': 'contains',
      };
      if (this.dialect === 'xlsform' && (t.v === '==' || t.v === '<>' || t.v === '*=')) return undefined;
      return Object.hasOwn(map, t.v) ? map[t.v] : undefined;
    }
    if (this.dialect !== 'surveyjs') return undefined;
    const w = this.isWord(
      'contains',
      'contain',
      'notcontains',
      'notcontain',
      'anyof',
      'allof',
      'noneof',
      'empty',
      'notempty',
      'equal',
      'notequal',
      'less',
      'lessorequal',
      'greater',
      'greaterorequal',
    );
    const words: Record<string, BinaryOperator | 'empty' | 'notempty'> = {
      contains: 'contains',
      contain: 'contains',
      notcontains: 'notcontains',
      notcontain: 'notcontains',
      anyof: 'anyof',
      allof: 'allof',
      noneof: 'noneof',
      empty: 'empty',
      notempty: 'notempty',
      equal: '=',
      notequal: '!=',
      less: '<',
      lessorequal: '<=',
      greater: '>',
      greaterorequal: '>=',
    };
    return w ? words[w] : undefined;
  }

  private comparison(): Expr {
    return this.nest(() => {
      let l = this.additive();
      for (;;) {
        const op = this.comparisonOperator();
        if (!op) return l;
        this.i++;
        if (op === 'empty' || op === 'notempty') l = { k: 'empty', e: l, not: op === 'notempty' };
        else l = { k: 'bin', op, l, r: this.additive() };
      }
    });
  }

  private additive(): Expr {
    let l = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next() as { v: '+' | '-' };
      l = { k: 'bin', op: op.v, l, r: this.multiplicative() };
    }
    return l;
  }

  private multiplicative(): Expr {
    let l = this.unary();
    for (;;) {
      let op: BinaryOperator | undefined;
      if (this.isOp('*')) op = '*';
      else if (this.dialect === 'surveyjs' && this.isOp('/')) op = '/';
      else if (this.dialect === 'surveyjs' && this.isOp('%')) op = '%';
      else if (this.dialect === 'surveyjs' && this.isOp('^')) fail('la puissance « ^ » n’a pas d’équivalent XLSForm');
      else if (this.dialect === 'xlsform' && this.isWord('div')) op = '/';
      else if (this.dialect === 'xlsform' && this.isWord('mod')) op = '%';
      if (!op) return l;
      this.i++;
      l = { k: 'bin', op, l, r: this.unary() };
    }
  }

  private unary(): Expr {
    return this.nest((): Expr => {
      if (this.isOp('-')) {
        this.i++;
        return { k: 'neg', e: this.unary() };
      }
      if (this.dialect === 'surveyjs' && (this.isOp('!') || this.isWord('negate'))) {
        this.i++;
        return { k: 'not', e: this.unary() };
      }
      return this.primary();
    });
  }

  private primary(): Expr {
    const t = this.next();
    switch (t.t) {
      case 'var':
        if (this.dialect === 'surveyjs' && !t.v) fail('référence « {} » vide');
        return { k: 'var', name: t.v };
      case 'str':
        return { k: 'str', v: t.v };
      case 'num':
        return { k: 'num', v: Number(t.v), raw: t.v };
      case 'end':
        return fail('expression incomplète');
      case 'op':
        if (t.v === '(') {
          const e = this.or();
          this.expect(')');
          return e;
        }
        if (t.v === '.' && this.dialect === 'xlsform') return { k: 'self' };
        if (t.v === '[' && this.dialect === 'surveyjs') {
          const items: Expr[] = [];
          if (!this.isOp(']')) {
            items.push(this.or());
            while (this.isOp(',')) {
              this.i++;
              items.push(this.or());
            }
          }
          this.expect(']');
          return { k: 'array', items };
        }
        return fail(`« ${t.v} » inattendu (position ${t.at + 1})`);
      case 'name': {
        if (this.isOp('(')) {
          this.i++;
          const args: Expr[] = [];
          if (!this.isOp(')')) {
            args.push(this.or());
            while (this.isOp(',')) {
              this.i++;
              args.push(this.or());
            }
          }
          this.expect(')');
          return { k: 'call', fn: t.v, args };
        }
        if (this.dialect === 'surveyjs') {
          const w = t.v.toLowerCase();
          if (w === 'true' || w === 'false') return { k: 'bool', v: w === 'true' };
          if (w === 'null' || w === 'undefined') return { k: 'str', v: '' };
          return fail(`mot inattendu « ${t.v} » (position ${t.at + 1})`);
        }
        return { k: 'field', name: t.v };
      }
    }
  }
}

export function parseXlsformExpression(text: string): Expr {
  return new Parser(xlsformTokens(text), 'xlsform').parse();
}

export function parseSurveyjsExpression(text: string): Expr {
  return new Parser(surveyjsTokens(text), 'surveyjs').parse();
}
