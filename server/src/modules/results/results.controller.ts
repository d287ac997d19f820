import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, type CampaignAccess, Granted } from '../../http/access.decorator.js';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import { ResultsService } from './results.service.js';
import { resultsSchema } from '../../http/openapi-schemas.js';

@ApiTags('results')
@Controller('campaigns')
export class ResultsController {
  constructor(
    @Inject(CampaignsService) private readonly campaigns: CampaignsService,
    @Inject(ResultsService) private readonly results: ResultsService,
  ) {}

  @Get(':id/results')
  @Access('viewer', 'campaign')
  @ApiOperation({
    summary: 'Les résultats `trame-results/1` sur les réponses complètes de la campagne (moteur partagé).',
  })
  @ApiOkResponse({ schema: resultsSchema })
  async get(@Granted('campaign') access: CampaignAccess) {
    return this.results.resultsFor(await this.campaigns.contextOf(access));
  }
}
