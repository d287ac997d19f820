import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { evaluate, type Results } from '@trame/shared';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import type { CampaignContext } from '../campaigns/campaigns.service.js';
import { ResponseReader } from '../responses/response-reader.js';
import { EvaluatePool } from './evaluate-pool.js';

/**
 * Results of a campaign, computed by the shared engine (the only place indicators are computed) and
 * cached per campaign under a key made of the campaign's revision (bumped in the same transaction as
 * every complete response written) and the evaluation's revision (internal data, questionnaire). A
 * repeated GET while nothing changed costs two small row reads.
 *
 * On SQLite the computation runs in a worker thread (its own read connection), so that a cold
 * computation over 100k responses does not stop submissions for seconds. On PostgreSQL the rows come in
 * async pages and the engine runs in-thread.
 */
@Injectable()
export class ResultsService implements OnModuleDestroy {
  private readonly cache = new Map<number, { key: string; results: Promise<Results> }>();
  private readonly pool: EvaluatePool | null;

  constructor(
    @Inject(ResponseReader) private readonly reader: ResponseReader,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const pool = config.database.type === 'sqlite' ? new EvaluatePool(config.database.path) : null;
    this.pool = pool?.available ? pool : null;
    this.pool?.warmUp();
  }

  resultsFor(ctx: CampaignContext): Promise<Results> {
    const { campaign, evaluation } = ctx;
    const keyOf = (revision: number) =>
      `${revision}:${evaluation.revision}:${evaluation.updatedAt}:${campaign.questionnaireVersionId}`;
    const key = keyOf(campaign.revision);
    const hit = this.cache.get(campaign.id);
    if (hit && hit.key === key) return hit.results;
    const entry = { key, results: null as unknown as Promise<Results> };
    entry.results = this.pool
      ? this.pool.evaluate(campaign.id, ctx.bundle).then(({ results, revision }) => {
          // Keyed by the revision of the snapshot actually read (see evaluate.worker.ts).
          entry.key = keyOf(revision);
          return results;
        })
      : this.reader.completeRecords(campaign.id).then((records) => evaluate(ctx.bundle, records));
    const results = entry.results;
    this.cache.set(campaign.id, entry);
    results.catch(() => {
      if (this.cache.get(campaign.id)?.results === results) this.cache.delete(campaign.id);
    });
    return results;
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.close();
  }
}
