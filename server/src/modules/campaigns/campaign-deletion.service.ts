import { Inject, Injectable } from '@nestjs/common';
import type { DeletionCounts } from '@trame/shared';
import { rawQuery } from '../../database/raw-sql.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { NotFoundError } from '../../errors/domain-error.js';
import type { CampaignAccess } from '../../http/access.decorator.js';
import { DeletedCampaigns } from '../evaluations/deleted-campaigns.js';
import { checkConfirmation, deletionCounts } from '../evaluations/deletion.js';
import { deleteImportsOf } from '../responses/responses.repository.js';
import { deleteCampaigns } from './campaigns.repository.js';

/** `DELETE /api/campaigns/:id` (issue 10). */
@Injectable()
export class CampaignDeletionService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(DeletedCampaigns) private readonly deleted: DeletedCampaigns,
  ) {}

  /**
   * Deletes the campaign with its invitations and responses (their foreign key cascades) in one
   * transaction; with responses, only with the confirmation its counts ask for (evaluations/deletion.ts).
   * Its questionnaire version stays, with the evaluation. The row is locked first (PostgreSQL): a
   * response stored meanwhile waits, and is counted.
   */
  async delete(access: CampaignAccess, confirm: string | undefined): Promise<{ deleted: DeletionCounts }> {
    const { counts, campaign } = await this.uow.run(async (em) => {
      const lock = em.connection.options.type === 'postgres' ? ' FOR UPDATE' : '';
      const [row] = await rawQuery<{ id: number | string; slug: string; title: string }>(
        em,
        `SELECT id, slug, title FROM campaign WHERE id = ? AND evaluation_id = ?${lock}`,
        [access.campaignId, access.evaluationId],
      );
      if (!row) throw new NotFoundError('Campagne', 'CAMPAIGN_NOT_FOUND');
      const id = Number(row.id);
      const counts = await deletionCounts(em, [id], 0);
      checkConfirmation(counts, confirm, { kind: 'campaign', title: row.title });
      await deleteCampaigns(em, [id]);
      await deleteImportsOf(em, [id]);
      return { counts, campaign: { id, slug: row.slug } };
    });
    this.deleted.deleted([campaign]);
    return { deleted: counts };
  }
}
