import { ConditionRunner, ConditionsParser } from 'survey-core';

/**
 * Conditions (`visibleIf`, `where`, `positiveIf`) are run by survey-core's own ConditionRunner, so they mean
 * exactly what they mean in the form the respondent filled in. A run costs a few microseconds; at 100,000
 * respondents and dozens of conditions that is seconds, so results are memoised on the values of the
 * variables the condition reads (most conditions read one or two choice questions, i.e. a handful of
 * distinct inputs). Conditions that call functions (today(), age()...) are not memoised.
 */
export class CompiledCondition {
  readonly expression: string;
  readonly variables: string[];
  private readonly runner: ConditionRunner;
  private readonly roots: string[];
  private readonly memo: Map<string, boolean> | null;

  constructor(expression: string) {
    this.expression = expression;
    this.runner = new ConditionRunner(expression);
    this.variables = this.runner.getVariables();
    this.roots = [...new Set(this.variables.map(rootName))];
    this.memo = this.runner.hasFunction() ? null : new Map();
  }

  run(data: Record<string, unknown>): boolean {
    if (!this.memo) return this.runner.runValues(data) === true;
    let key: string;
    if (this.roots.length === 1) {
      const v = data[this.roots[0]!];
      key = typeof v === 'string' ? `s${v}` : `j${JSON.stringify(v)}`;
    } else {
      key = JSON.stringify(this.roots.map((r) => data[r] ?? null));
    }
    let hit = this.memo.get(key);
    if (hit === undefined) {
      hit = this.runner.runValues(data) === true;
      if (this.memo.size > 100_000) this.memo.clear();
      this.memo.set(key, hit);
    }
    return hit;
  }
}

/** The data key a variable reads: `{m.row}` reads `m`, `{q[0]}` reads `q`. */
export function rootName(variable: string): string {
  const cut = variable.search(/[.[]/);
  return cut === -1 ? variable : variable.slice(0, cut);
}

/** Parses an expression with survey-core's parser; returns a French error message, or null. */
export function expressionError(expression: string): string | null {
  const parser = new ConditionsParser();
  const operand = parser.parseExpression(expression);
  if (operand) return null;
  const err = parser.error;
  return err ? `expression invalide à la position ${err.at + 1} : « ${expression} »` : `expression invalide : « ${expression} »`;
}

export class ConditionCache {
  private readonly byText = new Map<string, CompiledCondition>();
  get(expression: string): CompiledCondition {
    let c = this.byText.get(expression);
    if (!c) {
      c = new CompiledCondition(expression);
      this.byText.set(expression, c);
    }
    return c;
  }
}
