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
import { Body, Controller, Get, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiCreatedResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Access, type EvaluationAccess, Granted, type OrganisationAccess } from '../../http/access.decorator.js';
import { type AuthContext, CurrentUser } from '../../http/current-user.decorator.js';
import { BodyLimit, UPLOAD_BODY_LIMIT } from '../../http/json-body.js';
import { ZodPipe } from '../../http/zod-body.pipe.js';
import { questionnaireInputSchema, type InternalDataInput, internalDataInputSchema } from './evaluations.dto.js';
import { EvaluationsService } from './evaluations.service.js';

@ApiTags('evaluations')
@Controller('evaluations')
export class EvaluationsController {
  constructor(@Inject(EvaluationsService) private readonly evaluations: EvaluationsService) {}

  @Post()
  // Created in the organisation asked for, else in the caller's first where they are an editor.
  @Access('editor', 'organisation', { query: 'organisationId', optional: true })
  @BodyLimit(UPLOAD_BODY_LIMIT)
  @ApiOperation({
    summary:
      'Importe un bundle `trame-bundle/1` → 201 `{id, …, coverage}` ; 422 `{details.errors: [{path, message}]}` et rien n’est enregistré.',
  })
  @ApiQuery({ name: 'organisationId', required: false, type: Number })
  @ApiBody({ schema: bundleBody, description: 'Document trame-bundle/1 (docs/formats.md)' })
  @ApiCreatedResponse({ schema: evaluationCreatedSchema })
  create(@Granted('organisation') access: OrganisationAccess, @Body() body: unknown) {
    return this.evaluations.importBundle(access, body);
  }

  @Get()
  @Access('account')
  @ApiOperation({ summary: 'Les évaluations des organisations de l’utilisateur.' })
  @ApiOkResponse({ schema: { type: 'array', items: evaluationSummarySchema } })
  list(@CurrentUser() user: AuthContext) {
    return this.evaluations.list(user);
  }

  @Get(':id')
  @Access('viewer', 'evaluation')
  @ApiOperation({ summary: 'Une évaluation : référentiel, segments, données internes, questionnaire courant.' })
  @ApiOkResponse({ schema: evaluationDetailSchema })
  get(@Granted('evaluation') access: EvaluationAccess) {
    return this.evaluations.get(access);
  }

  @Get(':id/bundle')
  @Access('viewer', 'evaluation')
  @ApiOperation({ summary: 'Le bundle `trame-bundle/1` de l’évaluation (le réimporter donne la même évaluation).' })
  @ApiOkResponse({ schema: bundleSchemaRef })
  bundle(@Granted('evaluation') access: EvaluationAccess) {
    return this.evaluations.exportBundle(access);
  }

  @Put(':id/questionnaire')
  @Access('editor', 'evaluation')
  @ApiOperation({
    summary:
      'Remplace le questionnaire SurveyJS `{questionnaire}` (bundle revalidé, 422 sinon). Une version qui a des réponses n’est jamais modifiée : une nouvelle version est créée.',
  })
  @ApiBody({ schema: questionnaireBody })
  @ApiOkResponse({ schema: questionnaireVersionSchema })
  replaceQuestionnaire(
    @Granted('evaluation') access: EvaluationAccess,
    @Body(new ZodPipe(questionnaireInputSchema)) body: { questionnaire: Record<string, unknown> },
  ) {
    return this.evaluations.replaceQuestionnaire(access, body.questionnaire);
  }

  @Put(':id/internal-data/:code')
  @Access('editor', 'evaluation')
  @ApiOperation({
    summary: 'Saisit une donnée interne `{value, period?, source?, label?, unit?}` (label requis pour en créer une).',
  })
  @ApiBody({ schema: internalDatumBody })
  @ApiOkResponse({ schema: internalDatumSchema })
  setInternalData(
    @Granted('evaluation') access: EvaluationAccess,
    @Param('code') code: string,
    @Body(new ZodPipe(internalDataInputSchema)) body: InternalDataInput,
  ) {
    return this.evaluations.setInternalData(access, code, body);
  }
}
