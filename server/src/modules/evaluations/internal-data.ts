/** What the framework does with an internal datum: which indicators read it, and renaming it in them. */
import type { Bundle } from '@trame/shared';

/** One indicator's use of a datum: where, and a French sentence naming the indicator. */
export interface DatumUse {
  path: string;
  code: string;
  message: string;
}

const OPERAND = 'internal:';

/** The indicators that read the datum (`kind: internal`, or an `internal:CODE` ratio operand), by path. */
export function indicatorsUsing(framework: Bundle['framework'], code: string): DatumUse[] {
  const out: DatumUse[] = [];
  framework.dimensions.forEach((d, di) =>
    d.criteria.forEach((c, ci) =>
      c.indicators.forEach((ind, ii) => {
        const path = `framework.dimensions[${di}].criteria[${ci}].indicators[${ii}]`;
        const named = ind.title ? `« ${ind.code} » (${ind.title})` : `« ${ind.code} »`;
        const message = `l’indicateur ${named} utilise la donnée interne « ${code} »`;
        if (ind.kind === 'internal' && ind.internal === code)
          out.push({ path: `${path}.internal`, code: ind.code, message });
        if (ind.kind === 'ratio')
          for (const side of ['numerator', 'denominator'] as const)
            if (ind[side] === `${OPERAND}${code}`) out.push({ path: `${path}.${side}`, code: ind.code, message });
      }),
    ),
  );
  return out;
}

/** The framework with every reference to the datum `from` pointing at `to` instead. */
export function renameInternal(framework: Bundle['framework'], from: string, to: string): Bundle['framework'] {
  return {
    ...framework,
    dimensions: framework.dimensions.map((d) => ({
      ...d,
      criteria: d.criteria.map((c) => ({
        ...c,
        indicators: c.indicators.map((ind) => {
          if (ind.kind === 'internal' && ind.internal === from) return { ...ind, internal: to };
          if (ind.kind !== 'ratio') return ind;
          const side = (op: string) => (op === `${OPERAND}${from}` ? `${OPERAND}${to}` : op);
          return { ...ind, numerator: side(ind.numerator), denominator: side(ind.denominator) };
        }),
      })),
    })),
  };
}
