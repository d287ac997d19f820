/**
 * What deleting an evaluation or a campaign takes with it, and the confirmation it needs: never silently
 * when there are responses. Counted in the deletion's own transaction, after its rows are locked, so the
 * counts compared with the confirmation are those of what is then deleted.
 */
import type { DeletionCounts } from '@trame/shared';
import type { EntityManager } from 'typeorm';
import { ConflictError } from '../../errors/domain-error.js';
import { countInvitations } from '../campaigns/campaigns.repository.js';
import { countResponses } from '../responses/responses.repository.js';

export async function deletionCounts(
  em: EntityManager,
  campaignIds: number[],
  questionnaireVersions: number,
): Promise<DeletionCounts> {
  const byCampaign = await countResponses(em, campaignIds);
  const responses = { complete: 0, partial: 0 };
  for (const c of byCampaign.values()) {
    responses.complete += c.complete;
    responses.partial += c.partial;
  }
  return {
    campaigns: campaignIds.length,
    responses,
    invitations: await countInvitations(em, campaignIds),
    questionnaireVersions,
    // The number of responses shown: a confirmation given for it deletes no more than that.
    confirm: String(responses.complete + responses.partial),
  };
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/**
 * Nothing to confirm without responses. With responses, `confirm` must be what the counts ask for:
 * without it 409 `CONFIRMATION_REQUIRED`, with another one (responses came or went since it was shown, or
 * it was never the one asked for) 409 `CONFIRMATION_STALE`; both carry the counts of what would go, and
 * nothing is deleted.
 */
export function checkConfirmation(
  counts: DeletionCounts,
  confirm: string | undefined,
  what: { kind: 'evaluation' | 'campaign'; title: string },
): void {
  const total = counts.responses.complete + counts.responses.partial;
  if (total === 0 || confirm === counts.confirm) return;
  const name = what.kind === 'evaluation' ? `l’évaluation « ${what.title} »` : `la campagne « ${what.title} »`;
  const goes = [
    ...(what.kind === 'evaluation' ? [plural(counts.campaigns, 'campagne', 'campagnes')] : []),
    plural(total, 'réponse', 'réponses'),
    ...(counts.invitations > 0 ? [plural(counts.invitations, 'invitation', 'invitations')] : []),
  ].join(', ');
  if (confirm === undefined)
    throw new ConflictError(
      'CONFIRMATION_REQUIRED',
      `Supprimer ${name} effacerait aussi ${goes} : confirmez la suppression.`,
      counts,
    );
  throw new ConflictError(
    'CONFIRMATION_STALE',
    `La confirmation ne correspond pas à ce que la suppression effacerait maintenant (des réponses sont peut-être arrivées depuis) : supprimer ${name} effacerait ${goes}. Rien n’a été supprimé ; confirmez de nouveau.`,
    counts,
  );
}
