export * from './types.js';
export * from './bundle/schema.js';
export { evaluate, indicatorsOf } from './engine/evaluate.js';
export { roundHalfAwayFromZero, roundPercent, wilson95 } from './engine/rounding.js';
export { isPresent, toNumber, valueKey } from './engine/values.js';
export * from './questionnaire/catalog.js';
