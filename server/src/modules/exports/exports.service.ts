import type { Writable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '../../http/current-user.decorator.js';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import { catalogOf } from '../responses/catalog-cache.js';
import { ResponseReader } from '../responses/response-reader.js';
import { ResultsService } from '../results/results.service.js';
import { writeResponsesCsv } from './csv.writer.js';
import { writeWorkbook } from './workbook.writer.js';

@Injectable()
export class ExportsService {
  constructor(
    @Inject(CampaignsService) private readonly campaigns: CampaignsService,
    @Inject(ResultsService) private readonly results: ResultsService,
    @Inject(ResponseReader) private readonly reader: ResponseReader,
  ) {}

  /** Checks access and returns a function that streams the workbook, plus a file name. */
  async workbook(user: AuthContext, id: number) {
    const ctx = await this.campaigns.requireCampaign(user, id, 'viewer');
    const results = await this.results.resultsFor(ctx);
    const counts = await this.campaigns.responseCounts(id);
    return {
      filename: `${ctx.campaign.slug}.xlsx`,
      write: (out: Writable) =>
        writeWorkbook(out, {
          bundle: ctx.bundle,
          catalog: catalogOf(ctx.bundle),
          results,
          counts,
          campaign: { title: ctx.campaign.title, slug: ctx.campaign.slug, url: this.campaigns.url(ctx.campaign) },
          responses: this.reader.completeBatches(id),
        }),
    };
  }

  async csv(user: AuthContext, id: number) {
    const ctx = await this.campaigns.requireCampaign(user, id, 'viewer');
    return {
      filename: `${ctx.campaign.slug}-reponses.csv`,
      write: (out: Writable) => writeResponsesCsv(out, catalogOf(ctx.bundle), this.reader.completeBatches(id)),
    };
  }
}
