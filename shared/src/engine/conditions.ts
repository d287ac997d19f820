import { ConditionsParser } from 'survey-core';

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
  return err
    ? `expression invalide à la position ${err.at + 1} : « ${expression} »`
    : `expression invalide : « ${expression} »`;
}
