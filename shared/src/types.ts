/**
 * Public types of Trame's three documents (see ../shared/spec/bundle-v1.md, "trame-bundle/1",
 * "trame-responses/1", "trame-results/1"). The zod schemas in bundle/schema.ts produce these shapes.
 */

/** A problem found in a document: `path` names the faulty place (JSON path, or "ligne 5, colonne « q »"). */
export interface ValidationIssue {
  path: string;
  message: string;
  /** 1-based spreadsheet row (header = 1) for CSV/XLSX problems. */
  row?: number;
  /** Column header (question name) for CSV/XLSX problems. */
  column?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; errors: ValidationIssue[] };

export type ResponseStatus = 'complete' | 'partial';

/** One respondent's record; `data` is a SurveyJS data object keyed by question name. */
export interface ResponseRecord {
  id?: string;
  status: ResponseStatus;
  submittedAt?: string;
  data: Record<string, unknown>;
}

export interface Ci95 {
  ci95: [number, number] | null;
  smallSample: boolean;
}

export interface Figure {
  value: number | null;
  rounded: number | null;
  numerator?: number | null;
  denominator?: number;
  ci95?: [number, number] | null;
  smallSample?: boolean;
  choices?: DistributionChoice[];
}

export interface DistributionChoice {
  value: string | number | boolean;
  count: number;
  percent: number | null;
  rounded: number | null;
}

export interface IndicatorResult extends Figure {
  code: string;
  kind: IndicatorKind;
  /** breakdown[segmentCode][groupCode] */
  breakdown?: Record<string, Record<string, Figure>>;
}

export type IndicatorKind = 'percent' | 'count' | 'sum' | 'mean' | 'median' | 'distribution' | 'internal' | 'ratio';

export interface Results {
  format: 'trame-results/1';
  respondents: { total: number; segments: Record<string, Record<string, number>> };
  indicators: IndicatorResult[];
}
