/**
 * The SQL of the `evaluation` table that other modules' statements embed (the campaigns module's public
 * context, read on every save): fragments, so that such a read stays one statement. The evaluations
 * module owns the table; nobody else names it (docs/adr/0007).
 */

/** An evaluation's header (EvaluationHeader) joined to another table's row, as `e`. */
export const EVALUATION_HEADER = {
  /** The join, on the other row's column holding the evaluation id. */
  join: (evaluationId: string) => `JOIN evaluation e ON e.id = ${evaluationId}`,
  /** Its columns: organisation_id, evaluation_revision, evaluation_updated_at. */
  columns: 'e.organisation_id, e.revision AS evaluation_revision, e.updated_at AS evaluation_updated_at',
  /** The condition that the evaluation is still in the state read (revision, updatedAt: two parameters). */
  unchanged: (revision: string, updatedAt: string) => `e.revision = ${revision} AND e.updated_at = ${updatedAt}`,
} as const;
