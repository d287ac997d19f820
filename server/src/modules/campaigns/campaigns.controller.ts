import {
  campaignDetailSchema,
  campaignListItemSchema,
  campaignSchema,
  createCampaignBody,
  createInvitationsBody,
  deletedSchema,
  deletionConflictSchema,
  invitationsSchema,
  updateCampaignBody,
} from '../../http/openapi-schemas.js';
import { Body, Controller, Delete, Get, Inject, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { Access, type CampaignAccess, type EvaluationAccess, Granted } from '../../http/access.decorator.js';
import { ZodPipe } from '../../http/zod-body.pipe.js';
import {
  type ConfirmQuery,
  confirmQuerySchema,
  type CreateCampaignInput,
  createCampaignSchema,
  type CreateInvitationsInput,
  createInvitationsSchema,
  type UpdateCampaignInput,
  updateCampaignSchema,
} from './campaigns.dto.js';
import { CampaignDeletionService } from './campaign-deletion.service.js';
import { CampaignsService } from './campaigns.service.js';

@ApiTags('campaigns')
@Controller()
export class CampaignsController {
  constructor(
    @Inject(CampaignsService) private readonly campaigns: CampaignsService,
    @Inject(CampaignDeletionService) private readonly deletion: CampaignDeletionService,
  ) {}

  @Post('evaluations/:id/campaigns')
  @Access('editor', 'evaluation')
  @ApiOperation({
    summary:
      'Ouvre une campagne `{title, access?, status?, opensAt?, closesAt?, privacyNotice?}` → 201 `{id, slug, url, …}`.',
  })
  @ApiBody({ schema: createCampaignBody })
  @ApiCreatedResponse({ schema: campaignSchema })
  create(
    @Granted('evaluation') access: EvaluationAccess,
    @Body(new ZodPipe(createCampaignSchema)) body: CreateCampaignInput,
  ) {
    return this.campaigns.create(access, body);
  }

  @Get('evaluations/:id/campaigns')
  @Access('viewer', 'evaluation')
  @ApiOperation({ summary: 'Les campagnes d’une évaluation, avec le nombre de réponses.' })
  @ApiOkResponse({ schema: { type: 'array', items: campaignListItemSchema } })
  list(@Granted('evaluation') access: EvaluationAccess) {
    return this.campaigns.listForEvaluation(access);
  }

  @Get('campaigns/:id')
  @Access('viewer', 'campaign')
  @ApiOperation({ summary: 'Une campagne : état, dates, nombre de réponses complètes/partielles, invitations.' })
  @ApiOkResponse({ schema: campaignDetailSchema })
  get(@Granted('campaign') access: CampaignAccess) {
    return this.campaigns.get(access);
  }

  @Patch('campaigns/:id')
  @Access('editor', 'campaign')
  @ApiOperation({ summary: 'Ouvre, ferme ou change les dates d’une campagne.' })
  @ApiBody({ schema: updateCampaignBody })
  @ApiOkResponse({ schema: campaignDetailSchema })
  update(
    @Granted('campaign') access: CampaignAccess,
    @Body(new ZodPipe(updateCampaignSchema)) body: UpdateCampaignInput,
  ) {
    return this.campaigns.update(access, body);
  }

  @Delete('campaigns/:id')
  @Access('editor', 'campaign')
  @ApiOperation({
    summary:
      'Supprime la campagne, ses réponses et ses invitations. Avec des réponses : 409 `CONFIRMATION_REQUIRED` `{details: {responses, invitations, confirm, …}}` sans `?confirm=`, 409 `CONFIRMATION_STALE` si les comptes ont changé ; sinon 200 `{deleted}`.',
  })
  @ApiQuery({ name: 'confirm', required: false, type: String })
  @ApiOkResponse({ schema: deletedSchema })
  @ApiConflictResponse({ schema: deletionConflictSchema, description: 'Confirmation attendue : rien n’est supprimé' })
  delete(@Granted('campaign') access: CampaignAccess, @Query(new ZodPipe(confirmQuerySchema)) query: ConfirmQuery) {
    return this.deletion.delete(access, query.confirm);
  }

  @Post('campaigns/:id/invitations')
  @Access('editor', 'campaign')
  @ApiOperation({
    summary:
      'Crée `count` invitations personnelles (segment/group optionnels) ; les jetons ne sont montrés qu’une fois.',
  })
  @ApiBody({ schema: createInvitationsBody })
  @ApiCreatedResponse({ schema: invitationsSchema })
  invite(
    @Granted('campaign') access: CampaignAccess,
    @Body(new ZodPipe(createInvitationsSchema)) body: CreateInvitationsInput,
  ) {
    return this.campaigns.createInvitations(access, body);
  }
}
