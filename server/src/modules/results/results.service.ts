import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Results } from '@trame/shared';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import type { CampaignContext } from '../campaigns/campaigns.service.js';
import { DeletedCampaigns } from '../evaluations/deleted-campaigns.js';
import { completeKeyOf, ResponseReader } from '../responses/response-reader.js';
import { EncodedCache } from './encoded-cache.js';
import { EvaluatePool } from './evaluate-pool.js';

interface Entry {
  /** Before the computation ends: the key read by the request that started it; then the snapshot's. */
  key: string;
  /** When the computation started (ResultsService.clock). */
  started: number;
  results: Promise<Results>;
}

/**
 * Results of a campaign, computed by the shared engine (the only place indicators are computed) and
 * cached per campaign under a key made of the key of its complete responses (ResponseReader: their
 * number and the campaign's revision, see docs/adr/0005-results-key-and-respondent-links.md) and the
 * evaluation's revision (internal data, questionnaire). A repeated GET while nothing changed costs the
 * campaign's row reads and one indexed count; no row is written by every save of a campaign.
 *
 * Never stale: a request is answered with a computation started after it arrived (its snapshot holds
 * every save acknowledged before), or with cached results whose snapshot has the key this request read.
 * The key a request reads may be ahead of the committed state (on SQLite the app's connection sees the
 * batch being committed) but never behind it, so an equal key means the same responses.
 *
 * Below that cache, the responses encoded for the engine are kept per campaign (EncodedCache): when
 * only responses were added since, a computation reads, parses and encodes those alone.
 *
 * The computation runs in a worker thread with its own read connection, so that a cold computation over
 * 100k responses does not stop submissions for seconds. Without the compiled worker (unit tests run the
 * TypeScript sources) it runs in this thread.
 */
@Injectable()
export class ResultsService implements OnModuleDestroy {
  private readonly cache = new Map<number, Entry>();
  private readonly pool: EvaluatePool | null;
  /** In-thread computations (no worker): their encoded responses, and the chain that runs them in turn. */
  private readonly encoded = new EncodedCache();
  private queue: Promise<void> = Promise.resolve();
  private clock = 0;

  constructor(
    @Inject(ResponseReader) private readonly reader: ResponseReader,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DeletedCampaigns) deleted: DeletedCampaigns,
  ) {
    // A deleted campaign's results and encoded responses would only take memory: its id is never reused.
    deleted.listen((campaigns) => this.forget(campaigns.map((c) => c.id)));
    const db = config.database;
    const pool = new EvaluatePool(
      db.type === 'sqlite' ? { type: 'sqlite', path: db.path } : { type: 'postgres', url: db.url },
    );
    this.pool = pool?.available ? pool : null;
    this.pool?.warmUp();
  }

  async resultsFor(ctx: CampaignContext): Promise<Results> {
    const { campaign, evaluation } = ctx;
    const arrival = ++this.clock;
    const bundleKey = `${evaluation.revision}:${evaluation.updatedAt}:${campaign.questionnaireVersionId}`;
    const keyOf = (responses: string) => `${responses}:${bundleKey}`;
    const key = keyOf(await this.reader.completeKey(campaign.id));
    const hit = this.cache.get(campaign.id);
    if (hit && hit.key === key) {
      if (hit.started > arrival) return hit.results;
      const results = await hit.results.catch(() => null);
      if (results && hit.key === key) return results;
      // Computed on an older snapshot than this request's key: join a later computation, or start one.
      const later = this.cache.get(campaign.id);
      if (later && later.started > arrival) return later.results;
    }
    return this.compute(ctx, bundleKey, keyOf, key);
  }

  private compute(
    ctx: CampaignContext,
    bundleKey: string,
    keyOf: (responses: string) => string,
    key: string,
  ): Promise<Results> {
    const id = ctx.campaign.id;
    const entry: Entry = { key, started: ++this.clock, results: null as unknown as Promise<Results> };
    const computed = this.pool ? this.pool.evaluate(id, ctx.bundle, bundleKey) : this.inThread(id, ctx, bundleKey);
    entry.results = computed.then(({ key: snapshot, results }) => {
      entry.key = keyOf(snapshot);
      return results;
    });
    const results = entry.results;
    this.cache.set(id, entry);
    results.catch(() => {
      if (this.cache.get(id)?.results === results) this.cache.delete(id);
    });
    return results;
  }

  /** Without the worker: the same cache in this thread, one computation at a time. */
  private inThread(id: number, ctx: CampaignContext, bundleKey: string): Promise<{ results: Results; key: string }> {
    const run = this.queue.then(() =>
      this.reader.withSnapshot(id, async (source) => {
        const out = await this.encoded.results(id, ctx.bundle, bundleKey, source);
        return { results: out.results, key: completeKeyOf(out.key) };
      }),
    );
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private forget(campaignIds: number[]): void {
    for (const id of campaignIds) this.cache.delete(id);
    this.encoded.forget(campaignIds);
    this.pool?.forget(campaignIds);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.close();
  }
}
