import { Inject, Injectable } from '@nestjs/common';
import { evaluate, type Results } from '@trame/shared';
import type { CampaignContext } from '../campaigns/campaigns.service.js';
import { ResponseReader } from '../responses/response-reader.js';

/**
 * Results of a campaign, computed by the shared engine (the only place indicators are computed) and
 * cached per campaign under a key made of the campaign's revision (bumped in the same transaction as
 * every complete response written) and the evaluation's revision (internal data, framework). A repeated
 * GET while nothing changed costs two small row reads.
 */
@Injectable()
export class ResultsService {
  private readonly cache = new Map<number, { key: string; results: Promise<Results> }>();

  constructor(@Inject(ResponseReader) private readonly reader: ResponseReader) {}

  resultsFor(ctx: CampaignContext): Promise<Results> {
    const { campaign, evaluation } = ctx;
    const key = `${campaign.revision}:${evaluation.revision}:${evaluation.updatedAt}:${campaign.questionnaireVersionId}`;
    const hit = this.cache.get(campaign.id);
    if (hit && hit.key === key) return hit.results;
    const results = this.reader.completeRecords(campaign.id).then((records) => evaluate(ctx.bundle, records));
    this.cache.set(campaign.id, { key, results });
    results.catch(() => this.cache.delete(campaign.id));
    return results;
  }
}
