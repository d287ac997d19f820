import { Body, Controller, Get, Inject, Param, Put, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiCreatedResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../../http/access.decorator.js';
import { RateLimit } from '../../http/rate-limit.js';
import { ZodPipe } from '../../http/zod-body.pipe.js';
import { PublicResponsesService } from './public-responses.service.js';
import { type Submission, submissionSchema } from './responses.dto.js';
import {
  publicCampaignSchema,
  storedResponseSchema,
  submissionBody,
  submissionSchemaOut,
} from '../../http/openapi-schemas.js';

@ApiTags('public')
@Access('public')
@Controller('public/campaigns')
export class PublicResponsesController {
  constructor(@Inject(PublicResponsesService) private readonly service: PublicResponsesService) {}

  @Get(':slug')
  @ApiOperation({
    summary:
      'Sans compte. Titre, questionnaire SurveyJS, notice de confidentialité et état (open, closed, not_yet_open). ' +
      'Une campagne en brouillon n’est pas publique : 404, comme un lien inconnu. Avec `?token=`, l’invitation est ' +
      'vérifiée d’abord : inconnue de cette enquête → 404 INVITATION_NOT_FOUND ; réponse déjà envoyée → 409 ' +
      'INVITATION_USED ; sinon `invitation.responseId` est sa réponse en cours, s’il y en a une.',
  })
  @ApiQuery({ name: 'token', required: false })
  @ApiOkResponse({ schema: publicCampaignSchema })
  describe(@Param('slug') slug: string, @Query('token') token?: string) {
    return this.service.describe(slug, token);
  }

  @Get(':slug/responses/:uuid')
  @ApiOperation({
    summary:
      'Sans compte. Reprendre une réponse sur un autre appareil. Une réponse ne s’ouvre qu’avec ce qui l’a créée : ' +
      'son UUID dans une enquête ouverte, et dans une enquête sur invitation le `token` de l’invitation qui l’a commencée ; ' +
      'autrement 404, comme une réponse inconnue. Une réponse déjà envoyée n’est jamais renvoyée : 409 RESPONSE_ALREADY_COMPLETE.',
  })
  @ApiQuery({ name: 'token', required: false })
  @ApiOkResponse({ schema: storedResponseSchema })
  read(@Param('slug') slug: string, @Param('uuid') uuid: string, @Query('token') token?: string) {
    return this.service.read(slug, uuid, token);
  }

  @Put(':slug/responses/:uuid')
  @RateLimit('publicWrite')
  @ApiOperation({
    summary:
      'Sans compte. Enregistre `{data, status: partial|complete, token?}` sous un UUID choisi par le client. 201 à la création, 200 ensuite ; ' +
      'même envoi complet rejoué → même réponse ; autre contenu pour une réponse complète → 409 ; enquête close ou pas encore ouverte → 410 ; ' +
      'réponse non conforme au questionnaire → 422 nommant la question ; réponse créée avec une autre invitation → 404 ; ' +
      'campagne en brouillon → 404.',
  })
  @ApiBody({ schema: submissionBody })
  @ApiCreatedResponse({ schema: submissionSchemaOut, description: 'Créée' })
  @ApiOkResponse({ schema: submissionSchemaOut, description: 'Mise à jour, ou même envoi complet rejoué' })
  async submit(
    @Param('slug') slug: string,
    @Param('uuid') uuid: string,
    @Body(new ZodPipe(submissionSchema)) body: Submission,
    @Res({ passthrough: true }) res: Response,
  ) {
    const r = await this.service.submit(slug, uuid, body);
    res.status(r.created ? 201 : 200);
    return r.body;
  }
}
