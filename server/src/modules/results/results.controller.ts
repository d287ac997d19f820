import { Controller, Get, Inject, Param, ParseIntPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthContext, CurrentUser } from '../../http/current-user.decorator.js';
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
  @ApiOperation({
    summary: 'Les résultats `trame-results/1` sur les réponses complètes de la campagne (moteur partagé).',
  })
  @ApiOkResponse({ schema: resultsSchema })
  async get(@CurrentUser() user: AuthContext, @Param('id', ParseIntPipe) id: number) {
    return this.results.resultsFor(await this.campaigns.requireCampaign(user, id, 'viewer'));
  }
}
