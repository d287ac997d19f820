/**
 * Writes of the evaluations module's tables that several use cases share, over the caller's transaction.
 */
import { nullObject } from '@trame/shared';
import type { EntityManager } from 'typeorm';
import { rawQuery } from '../../database/raw-sql.js';
import { campaignsOfEvaluation } from '../campaigns/campaigns.repository.js';
import { anyResponse } from '../responses/responses.repository.js';
import { Evaluation } from './evaluation.entity.js';
import { QuestionnaireVersion } from './questionnaire-version.entity.js';

/**
 * The evaluation's row, read in the caller's transaction and, on PostgreSQL, locked until it ends (SQLite
 * runs one write at a time): two changes of one evaluation follow each other, each seeing the other's
 * revision. Null when it is gone, or no longer in that organisation.
 */
export async function lockEvaluation(
  em: EntityManager,
  id: number,
  organisationId: number,
): Promise<Evaluation | null> {
  if (em.connection.options.type === 'postgres')
    await rawQuery(em, 'SELECT id FROM evaluation WHERE id = ? AND organisation_id = ? FOR UPDATE', [
      id,
      organisationId,
    ]);
  return em.getRepository(Evaluation).findOne({ where: { id, organisationId } });
}

/**
 * Stores a questionnaire as the evaluation's latest. A version that has responses is never modified: the
 * change makes a new version, used by campaigns created afterwards; existing campaigns keep theirs. The
 * campaigns of the evaluation are locked first (PostgreSQL), so that no response reaches the version
 * between the check and the change.
 */
export async function storeQuestionnaire(
  em: EntityManager,
  evaluationId: number,
  definition: Record<string, unknown>,
  now: string,
): Promise<{ questionnaireVersion: number; newVersion: boolean }> {
  const versions = em.getRepository(QuestionnaireVersion);
  const latest = await versions.findOneOrFail({ where: { evaluationId }, order: { version: 'DESC' } });
  const campaigns = await campaignsOfEvaluation(em, evaluationId, true);
  // Answered in any campaign that uses it: the campaigns module knows which, the responses module whether.
  const used = await anyResponse(
    em,
    campaigns.filter((c) => c.questionnaireVersionId === latest.id).map((c) => c.id),
  );
  if (used) {
    const created = await versions.save({ evaluationId, version: latest.version + 1, definition, createdAt: now });
    return { questionnaireVersion: created.version, newVersion: true };
  }
  await versions.save({ ...latest, definition });
  return { questionnaireVersion: latest.version, newVersion: false };
}

/** Whether two JSON documents are the same, whatever the order of their keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (!v || typeof v !== 'object') return v;
  // Keys are data (`__proto__` is a legal question name): an object without a prototype.
  const out = nullObject<unknown>();
  for (const k of Object.keys(v).sort()) out[k] = canonical((v as Record<string, unknown>)[k]);
  return out;
}
