/**
 * The SQL of the `campaign` and `invitation` tables that other modules need, inside their own statements
 * or transactions: functions over the caller's EntityManager (so that a change and what it records commit
 * together) and fragments of a statement (so that a hot path stays one statement). The campaigns module
 * owns these tables; nobody else names them (docs/adr/0007). No Nest here: the responses module, which the
 * campaigns module cannot import, and the results worker use it too. The evaluation's part of a statement
 * is the evaluations module's (evaluations.repository.ts).
 */
import type { DataSource, EntityManager } from 'typeorm';
import { rawQuery } from '../../database/raw-sql.js';
import { EVALUATION_HEADER } from '../evaluations/evaluations.repository.js';

/**
 * Records a change to a campaign's complete responses other than a public save adding one (an import,
 * an import published or withdrawn, an erasure, a correction): call it in the transaction of that change,
 * or results may be served from a cache that no longer matches the responses (the key is the revision and
 * the set's size, complete-responses.ts). Saves do not call it: they change the set's size.
 */
export async function completeResponsesChanged(em: EntityManager, campaignId: number): Promise<void> {
  await rawQuery(em, 'UPDATE campaign SET revision = revision + 1 WHERE id = ?', [campaignId]);
}

/**
 * The campaign's revision as a statement of another module reads it beside its own rows: `column` from
 * `from`, whose one `?` is the campaign id; no row when the campaign does not exist.
 */
export const CAMPAIGN_REVISION = { column: 'c.revision', from: 'campaign c WHERE c.id = ?' } as const;

/** The ids of the campaigns that use a questionnaire version (one of them answered, it is kept as it is). */
export async function campaignsUsingVersion(em: EntityManager | DataSource, versionId: number): Promise<number[]> {
  const rows = await rawQuery<{ id: number | string }>(
    em,
    'SELECT id FROM campaign WHERE questionnaire_version_id = ? ORDER BY id',
    [versionId],
  );
  return rows.map((r) => Number(r.id));
}

/**
 * The response an invitation already gave, read in the caller's transaction; on PostgreSQL (`lock`) its
 * row stays locked until that transaction ends, so two responses of one invitation follow each other.
 * Undefined when the invitation is gone.
 */
export async function invitationResponse(
  em: EntityManager,
  invitationId: number,
  lock: boolean,
): Promise<{ responseUuid: string | null } | undefined> {
  const [row] = await rawQuery<{ response_uuid: string | null }>(
    em,
    `SELECT response_uuid FROM invitation WHERE id = ?${lock ? ' FOR UPDATE' : ''}`,
    [invitationId],
  );
  return row && { responseUuid: row.response_uuid };
}

/** Ties an invitation to its one response, in the transaction that stores that response. */
export async function bindInvitation(em: EntityManager, invitationId: number, responseUuid: string): Promise<void> {
  await rawQuery(em, 'UPDATE invitation SET response_uuid = ? WHERE id = ?', [responseUuid, invitationId]);
}

/** What a public campaign was when a process read it (CampaignsService.publicContext). */
export interface PublicCampaignState {
  campaign: {
    id: number;
    questionnaireVersionId: number;
    opensAt: string | null;
    closesAt: string | null;
  };
  evaluation: { revision: number; updatedAt: string };
}

/**
 * PostgreSQL, the public save in one statement (`INSERT … SELECT`): the `FROM … WHERE` that yields the
 * campaign's row, as `c`, only while the campaign is open, public, and it and its evaluation are exactly
 * as `state` (publicCampaignParams) says. Its parameters are `$first` to `$first + 5`.
 */
export function publicCampaignUnchanged(first: number): string {
  const $ = (i: number) => `$${first + i}`;
  return `FROM campaign c ${EVALUATION_HEADER.join('c.evaluation_id')}
   WHERE c.id = ${$(0)} AND c.status = 'open' AND c.access = 'public' AND c.questionnaire_version_id = ${$(1)}
     AND c.opens_at IS NOT DISTINCT FROM ${$(2)} AND c.closes_at IS NOT DISTINCT FROM ${$(3)}
     AND ${EVALUATION_HEADER.unchanged($(4), $(5))}`;
}

/** The parameters of publicCampaignUnchanged, in its order. */
export function publicCampaignParams(state: PublicCampaignState): unknown[] {
  const { campaign, evaluation } = state;
  return [
    campaign.id,
    campaign.questionnaireVersionId,
    campaign.opensAt,
    campaign.closesAt,
    evaluation.revision,
    evaluation.updatedAt,
  ];
}

/** A campaign as the evaluation's design and its deletion name it. */
export interface CampaignOfEvaluation {
  id: number;
  title: string;
  slug: string;
  questionnaireVersionId: number;
}

/**
 * The evaluation's campaigns, in id order, read in the caller's transaction. With `lock` (PostgreSQL),
 * their rows stay locked until it ends: a response stored meanwhile (its foreign key takes a share lock
 * on its campaign's row) waits, so what is counted under the lock is what a deletion then removes.
 */
export async function campaignsOfEvaluation(
  em: EntityManager | DataSource,
  evaluationId: number,
  lock = false,
): Promise<CampaignOfEvaluation[]> {
  const forUpdate = lock && isPostgres(em) ? ' FOR UPDATE' : '';
  const rows = await rawQuery<{ id: number | string; title: string; slug: string; qv: number | string }>(
    em,
    `SELECT id, title, slug, questionnaire_version_id AS qv FROM campaign WHERE evaluation_id = ? ORDER BY id${forUpdate}`,
    [evaluationId],
  );
  return rows.map((r) => ({ id: Number(r.id), title: r.title, slug: r.slug, questionnaireVersionId: Number(r.qv) }));
}

/** The invitations of these campaigns, used or not. */
export async function countInvitations(em: EntityManager | DataSource, campaignIds: number[]): Promise<number> {
  if (campaignIds.length === 0) return 0;
  const [row] = await rawQuery<{ n: number | string }>(
    em,
    `SELECT COUNT(*) AS n FROM invitation WHERE campaign_id IN (${campaignIds.map(() => '?').join(', ')})`,
    campaignIds,
  );
  return Number(row?.n ?? 0);
}

/**
 * Deletes campaigns in the caller's transaction: their invitations, then their rows. Their responses go
 * with them through the responses module's own foreign key (`fk_response_campaign`, ON DELETE CASCADE, on
 * both databases; SQLite runs with `foreign_keys = ON`).
 */
export async function deleteCampaigns(em: EntityManager, campaignIds: number[]): Promise<void> {
  if (campaignIds.length === 0) return;
  const list = campaignIds.map(() => '?').join(', ');
  await rawQuery(em, `DELETE FROM invitation WHERE campaign_id IN (${list})`, campaignIds);
  await rawQuery(em, `DELETE FROM campaign WHERE id IN (${list})`, campaignIds);
}

const isPostgres = (em: EntityManager | DataSource) =>
  ((em as EntityManager).connection ?? (em as DataSource)).options.type === 'postgres';
