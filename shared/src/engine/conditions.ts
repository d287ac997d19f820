import { ConditionsParser } from 'survey-core';

const MAX_EXPRESSION = 5000;
const MAX_NESTING = 40;

/** The data key a variable reads: `{m.row}` reads `m`, `{q[0]}` reads `q`. */
export function rootName(variable: string): string {
  const cut = variable.search(/[.[]/);
  return cut === -1 ? variable : variable.slice(0, cut);
}

/** Parses an expression with survey-core's parser; returns a French error message, or null. */
export function expressionError(expression: string): string | null {
  // survey-core's parser recurses on nesting: bound what it is given.
  if (expression.length > MAX_EXPRESSION) return `expression trop longue (${MAX_EXPRESSION} caractères au plus)`;
  let depth = 0;
  for (const ch of expression) {
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    if (depth > MAX_NESTING) return `expression trop imbriquée (${MAX_NESTING} niveaux de parenthèses au plus)`;
  }
  const parser = new ConditionsParser();
  const operand = parser.parseExpression(expression);
  if (operand) return null;
  const err = parser.error;
  return err
    ? `expression invalide à la position ${err.at + 1} : « ${expression} »`
    : `expression invalide : « ${expression} »`;
}
