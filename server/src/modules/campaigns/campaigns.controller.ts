import {
  campaignDetailSchema,
  campaignListItemSchema,
  campaignSchema,
  createCampaignBody,
  createInvitationsBody,
  invitationsSchema,
  updateCampaignBody,
} from '../../http/openapi-schemas.js';
import { Body, Controller, Get, Inject, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthContext, CurrentUser } from '../../http/current-user.decorator.js';
import { ZodPipe } from '../../http/zod-body.pipe.js';
import {
  type CreateCampaignInput,
  createCampaignSchema,
  type CreateInvitationsInput,
  createInvitationsSchema,
  type UpdateCampaignInput,
  updateCampaignSchema,
} from './campaigns.dto.js';
import { CampaignsService } from './campaigns.service.js';

@ApiTags('campaigns')
@Controller()
export class CampaignsController {
  constructor(@Inject(CampaignsService) private readonly campaigns: CampaignsService) {}

  @Post('evaluations/:id/campaigns')
  @ApiOperation({
    summary:
      'Ouvre une campagne `{title, access?, status?, opensAt?, closesAt?, privacyNotice?}` → 201 `{id, slug, url, …}`.',
  })
  @ApiBody({ schema: createCampaignBody })
  @ApiCreatedResponse({ schema: campaignSchema })
  create(
    @CurrentUser() user: AuthContext,
    @Param('id', ParseIntPipe) id: number,
    @Body(new ZodPipe(createCampaignSchema)) body: CreateCampaignInput,
  ) {
    return this.campaigns.create(user, id, body);
  }

  @Get('evaluations/:id/campaigns')
  @ApiOperation({ summary: 'Les campagnes d’une évaluation, avec le nombre de réponses.' })
  @ApiOkResponse({ schema: { type: 'array', items: campaignListItemSchema } })
  list(@CurrentUser() user: AuthContext, @Param('id', ParseIntPipe) id: number) {
    return this.campaigns.listForEvaluation(user, id);
  }

  @Get('campaigns/:id')
  @ApiOperation({ summary: 'Une campagne : état, dates, nombre de réponses complètes/partielles, invitations.' })
  @ApiOkResponse({ schema: campaignDetailSchema })
  get(@CurrentUser() user: AuthContext, @Param('id', ParseIntPipe) id: number) {
    return this.campaigns.get(user, id);
  }

  @Patch('campaigns/:id')
  @ApiOperation({ summary: 'Ouvre, ferme ou change les dates d’une campagne.' })
  @ApiBody({ schema: updateCampaignBody })
  @ApiOkResponse({ schema: campaignDetailSchema })
  update(
    @CurrentUser() user: AuthContext,
    @Param('id', ParseIntPipe) id: number,
    @Body(new ZodPipe(updateCampaignSchema)) body: UpdateCampaignInput,
  ) {
    return this.campaigns.update(user, id, body);
  }

  @Post('campaigns/:id/invitations')
  @ApiOperation({
    summary:
      'Crée `count` invitations personnelles (segment/group optionnels) ; les jetons ne sont montrés qu’une fois.',
  })
  @ApiBody({ schema: createInvitationsBody })
  @ApiCreatedResponse({ schema: invitationsSchema })
  invite(
    @CurrentUser() user: AuthContext,
    @Param('id', ParseIntPipe) id: number,
    @Body(new ZodPipe(createInvitationsSchema)) body: CreateInvitationsInput,
  ) {
    return this.campaigns.createInvitations(user, id, body);
  }
}
