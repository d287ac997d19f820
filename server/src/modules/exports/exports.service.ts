import type { Writable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { CampaignAccess } from '../../http/access.decorator.js';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import { catalogOf } from '../responses/catalog-cache.js';
import { ResponseReader } from '../responses/response-reader.js';
import { ResultsService } from '../results/results.service.js';
import { writeResponsesCsv } from './csv.writer.js';
import { writeResponsesJson } from './json.writer.js';
import { writeWorkbook } from './workbook.writer.js';

@Injectable()
export class ExportsService {
  constructor(
    @Inject(CampaignsService) private readonly campaigns: CampaignsService,
    @Inject(ResultsService) private readonly results: ResultsService,
    @Inject(ResponseReader) private readonly reader: ResponseReader,
  ) {}

  /** Reads what the workbook needs and returns a function that streams it, plus a file name. */
  async workbook(access: CampaignAccess) {
    const ctx = await this.campaigns.contextOf(access);
    const id = ctx.campaign.id;
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

  async csv(access: CampaignAccess) {
    const ctx = await this.campaigns.contextOf(access);
    const id = ctx.campaign.id;
    return {
      filename: `${ctx.campaign.slug}-reponses.csv`,
      write: (out: Writable) => writeResponsesCsv(out, catalogOf(ctx.bundle), this.reader.completeBatches(id)),
    };
  }

  /**
   * The complete responses as `trame-responses/1` with `"visibilityApplied": true` (json.writer.ts), for a
   * route `GET /api/campaigns/:id/responses.json` beside the CSV one.
   */
  async json(access: CampaignAccess) {
    const ctx = await this.campaigns.contextOf(access);
    const id = ctx.campaign.id;
    return {
      filename: `${ctx.campaign.slug}-reponses.json`,
      write: (out: Writable) => writeResponsesJson(out, this.reader.completeBatches(id)),
    };
  }
}
