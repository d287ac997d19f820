export * from './types.js';
export * from './bundle/schema.js';
export { EncodedResponses } from './engine/encoded.js';
export { evaluate, indicatorsOf } from './engine/evaluate.js';
export { roundHalfAwayFromZero, roundPercent, wilson95 } from './engine/rounding.js';
export { isPresent, valueKey } from './engine/values.js';
export { parseNumber, type NumberOptions } from './responses/number.js';
export { FORBIDDEN_NAMES, isForbiddenName, nullObject, ownValue } from './keys.js';
export * from './questionnaire/catalog.js';
export {
  parseBundle,
  formatPath,
  type CoverageReport,
  type CoverageItem,
  type ValidBundle,
} from './bundle/validate.js';
export {
  parseResponsesJson,
  parseResponsesCsv,
  detectDelimiter,
  visibilityApplied,
  readTable,
  columnLetter,
  type Cell,
} from './responses/parse.js';
export { checkAnswers, checkRecords } from './questionnaire/answers.js';
export { statementSentence, formatNumberFr } from './report/sentence.js';
import { buildCatalog as buildQuestionCatalog } from './questionnaire/catalog.js';
/** The questions of a SurveyJS questionnaire that store a value, in questionnaire order. */
export const listQuestions = (questionnaire: unknown, locale = 'fr') =>
  buildQuestionCatalog(questionnaire, locale).questions;
export * from './api/index.js';
export {
  ExpressionError,
  surveyjsToXlsform,
  xlsformToSurveyjs,
  type QuestionKind,
  type ToSurveyjsContext,
  type ToXlsformContext,
} from './design/expression.js';
export { xlsformToQuestionnaire, type XlsformQuestionnaire } from './design/xlsform.js';
export { questionnaireToXlsform, type XlsformSheets } from './design/to-xlsform.js';
export { designSheets, isDesignWorkbook, readDesignSheets, type ImportedBundle } from './design/workbook.js';
export type { DesignIssue, SheetCell, SheetData } from './design/sheet.js';
