import {
  bundleBody,
  bundleSchemaRef,
  evaluationCreatedSchema,
  evaluationDetailSchema,
  evaluationSummarySchema,
  internalDatumBody,
  internalDatumSchema,
  questionnaireBody,
  questionnaireVersionSchema,
} from '../../http/openapi-schemas.js';
import { Body, Controller, Get, Inject, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiCreatedResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type AuthContext, CurrentUser } from '../../http/current-user.decorator.js';
import { BodyLimit, UPLOAD_BODY_LIMIT } from '../../http/json-body.js';
import { ZodPipe } from '../../http/zod-body.pipe.js';
import {
  importQuerySchema,
  questionnaireInputSchema,
  type InternalDataInput,
  internalDataInputSchema,
} from './evaluations.dto.js';
import { EvaluationsService } from './evaluations.service.js';

@ApiTags('evaluations')
@Controller('evaluations')
export class EvaluationsController {
  constructor(@Inject(EvaluationsService) private readonly evaluations: EvaluationsService) {}

  @Post()
  @BodyLimit(UPLOAD_BODY_LIMIT)
  @ApiOperation({
    summary:
      'Importe un bundle `trame-bundle/1` → 201 `{id, …, coverage}` ; 422 `{details.errors: [{path, message}]}` et rien n’est enregistré.',
  })
  @ApiQuery({ name: 'organisationId', required: false, type: Number })
  @ApiBody({ schema: bundleBody, description: 'Document trame-bundle/1 (docs/formats.md)' })
  @ApiCreatedResponse({ schema: evaluationCreatedSchema })
  create(
    @CurrentUser() user: AuthContext,
    @Body() body: unknown,
    @Query(new ZodPipe(importQuerySchema)) q: { organisationId?: number },
  ) {
    return this.evaluations.importBundle(user, body, q.organisationId);
  }

  @Get()
  @ApiOperation({ summary: 'Les évaluations des organisations de l’utilisateur.' })
  @ApiOkResponse({ schema: { type: 'array', items: evaluationSummarySchema } })
  list(@CurrentUser() user: AuthContext) {
    return this.evaluations.list(user);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Une évaluation : référentiel, segments, données internes, questionnaire courant.' })
  @ApiOkResponse({ schema: evaluationDetailSchema })
  get(@CurrentUser() user: AuthContext, @Param('id', ParseIntPipe) id: number) {
    return this.evaluations.get(user, id);
  }

  @Get(':id/bundle')
  @ApiOperation({ summary: 'Le bundle `trame-bundle/1` de l’évaluation (le réimporter donne la même évaluation).' })
  @ApiOkResponse({ schema: bundleSchemaRef })
  bundle(@CurrentUser() user: AuthContext, @Param('id', ParseIntPipe) id: number) {
    return this.evaluations.exportBundle(user, id);
  }

  @Put(':id/questionnaire')
  @ApiOperation({
    summary:
      'Remplace le questionnaire SurveyJS `{questionnaire}` (bundle revalidé, 422 sinon). Une version qui a des réponses n’est jamais modifiée : une nouvelle version est créée.',
  })
  @ApiBody({ schema: questionnaireBody })
  @ApiOkResponse({ schema: questionnaireVersionSchema })
  replaceQuestionnaire(
    @CurrentUser() user: AuthContext,
    @Param('id', ParseIntPipe) id: number,
    @Body(new ZodPipe(questionnaireInputSchema)) body: { questionnaire: Record<string, unknown> },
  ) {
    return this.evaluations.replaceQuestionnaire(user, id, body.questionnaire);
  }

  @Put(':id/internal-data/:code')
  @ApiOperation({
    summary: 'Saisit une donnée interne `{value, period?, source?, label?, unit?}` (label requis pour en créer une).',
  })
  @ApiBody({ schema: internalDatumBody })
  @ApiOkResponse({ schema: internalDatumSchema })
  setInternalData(
    @CurrentUser() user: AuthContext,
    @Param('id', ParseIntPipe) id: number,
    @Param('code') code: string,
    @Body(new ZodPipe(internalDataInputSchema)) body: InternalDataInput,
  ) {
    return this.evaluations.setInternalData(user, id, code, body);
  }
}
