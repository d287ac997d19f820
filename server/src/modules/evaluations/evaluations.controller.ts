import {
  bundleBody,
  bundleSchemaRef,
  createInternalDatumBody,
  deletedSchema,
  deletionConflictSchema,
  designBody,
  designConflictSchema,
  designSavedSchema,
  evaluationCreatedSchema,
  evaluationDesignSchema,
  evaluationDetailSchema,
  evaluationSummarySchema,
  evaluationTemplateSchema,
  internalDatumBody,
  internalDatumSchema,
  newEvaluationBody,
  questionnaireBody,
  questionnaireVersionSchema,
  updateInternalDatumBody,
} from '../../http/openapi-schemas.js';
import { Body, Controller, Delete, Get, Inject, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { Access, type EvaluationAccess, Granted, type OrganisationAccess } from '../../http/access.decorator.js';
import { type AuthContext, CurrentUser } from '../../http/current-user.decorator.js';
import { BodyLimit, UPLOAD_BODY_LIMIT } from '../../http/json-body.js';
import { ZodPipe } from '../../http/zod-body.pipe.js';
import type { DesignBody } from './evaluation-design.service.js';
import { EvaluationDesignService } from './evaluation-design.service.js';
import {
  type BaseRevisionQuery,
  baseRevisionQuerySchema,
  type ConfirmQuery,
  confirmQuerySchema,
  type CreateInternalDatumInput,
  createInternalDatumSchema,
  designEnvelopeSchema,
  type InternalDataInput,
  internalDataInputSchema,
  type NewEvaluationInput,
  newEvaluationSchema,
  questionnaireInputSchema,
  type UpdateInternalDatumInput,
  updateInternalDatumSchema,
} from './evaluations.dto.js';
import { EvaluationsService } from './evaluations.service.js';

@ApiTags('evaluations')
@Controller('evaluations')
export class EvaluationsController {
  constructor(
    @Inject(EvaluationsService) private readonly evaluations: EvaluationsService,
    @Inject(EvaluationDesignService) private readonly designs: EvaluationDesignService,
  ) {}

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

  // Declared before `:id`: Express tries routes in this order.
  @Get('templates')
  @Access('account')
  @ApiOperation({ summary: 'Les modèles de départ d’une évaluation (`blank`, `coopart`), avec leurs titres.' })
  @ApiOkResponse({ schema: { type: 'array', items: evaluationTemplateSchema } })
  templates() {
    return this.evaluations.templates();
  }

  @Post('new')
  @Access('editor', 'organisation', { query: 'organisationId', optional: true })
  @ApiOperation({
    summary:
      'Crée une évaluation depuis un modèle `{title, description?, template: blank|coopart}` → 201 comme l’import. L’organisation va dans l’adresse (`?organisationId=`), comme pour l’import.',
  })
  @ApiQuery({ name: 'organisationId', required: false, type: Number })
  @ApiBody({ schema: newEvaluationBody })
  @ApiCreatedResponse({ schema: evaluationCreatedSchema })
  createFromTemplate(
    @Granted('organisation') access: OrganisationAccess,
    @Body(new ZodPipe(newEvaluationSchema)) body: NewEvaluationInput,
  ) {
    return this.evaluations.createFromTemplate(access, body);
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

  @Delete(':id')
  @Access('editor', 'evaluation')
  @ApiOperation({
    summary:
      'Supprime l’évaluation, ses campagnes, leurs réponses et invitations, ses versions de questionnaire. Avec des réponses : 409 `CONFIRMATION_REQUIRED` `{details: {campaigns, responses, invitations, questionnaireVersions, confirm}}` sans `?confirm=`, 409 `CONFIRMATION_STALE` si les comptes ont changé ; sinon 200 `{deleted}`.',
  })
  @ApiQuery({ name: 'confirm', required: false, type: String })
  @ApiOkResponse({ schema: deletedSchema })
  @ApiConflictResponse({ schema: deletionConflictSchema, description: 'Confirmation attendue : rien n’est supprimé' })
  delete(@Granted('evaluation') access: EvaluationAccess, @Query(new ZodPipe(confirmQuerySchema)) query: ConfirmQuery) {
    return this.evaluations.delete(access, query.confirm);
  }

  @Get(':id/bundle')
  @Access('viewer', 'evaluation')
  @ApiOperation({ summary: 'Le bundle `trame-bundle/1` de l’évaluation (le réimporter donne la même évaluation).' })
  @ApiOkResponse({ schema: bundleSchemaRef })
  bundle(@Granted('evaluation') access: EvaluationAccess) {
    return this.evaluations.exportBundle(access);
  }

  @Get(':id/design')
  @Access('viewer', 'evaluation')
  @ApiOperation({
    summary:
      'La conception modifiable : révision, titre, référentiel, segments, données internes, questionnaire, versions et campagnes qui les utilisent, couverture.',
  })
  @ApiOkResponse({ schema: evaluationDesignSchema })
  design(@Granted('evaluation') access: EvaluationAccess) {
    return this.designs.design(access);
  }

  @Put(':id/design')
  @Access('editor', 'evaluation')
  // The design is the bundle: what can be imported can be saved back.
  @BodyLimit(UPLOAD_BODY_LIMIT)
  @ApiOperation({
    summary:
      'Remplace la conception `{baseRevision, title, description?, framework, segments, internalData, questionnaire}`, validée comme un bundle entier (422 `INVALID_DESIGN` avec les chemins, rien n’est enregistré) ; 409 `EVALUATION_CHANGED` `{details.current}` si `baseRevision` n’est plus la révision. Un questionnaire modifié dont la version a des réponses donne une nouvelle version.',
  })
  @ApiBody({ schema: designBody })
  @ApiOkResponse({ schema: designSavedSchema })
  @ApiConflictResponse({ schema: designConflictSchema, description: 'Révision dépassée : rien n’est enregistré' })
  saveDesign(
    @Granted('evaluation') access: EvaluationAccess,
    @Body(new ZodPipe(designEnvelopeSchema)) body: DesignBody,
  ) {
    return this.designs.saveDesign(access, body);
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

  @Post(':id/internal-data')
  @Access('editor', 'evaluation')
  @ApiOperation({
    summary:
      'Ajoute une donnée interne `{code, label, value, unit?, period?, source?, baseRevision?}` → 201 la conception ; 422 `INTERNAL_DATA_EXISTS` si le code est pris.',
  })
  @ApiBody({ schema: createInternalDatumBody })
  @ApiCreatedResponse({ schema: evaluationDesignSchema })
  @ApiConflictResponse({ schema: designConflictSchema, description: 'Révision dépassée : rien n’est enregistré' })
  createInternalDatum(
    @Granted('evaluation') access: EvaluationAccess,
    @Body(new ZodPipe(createInternalDatumSchema)) body: CreateInternalDatumInput,
  ) {
    return this.designs.createInternalDatum(access, body);
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

  @Patch(':id/internal-data/:code')
  @Access('editor', 'evaluation')
  @ApiOperation({
    summary:
      'Modifie une donnée interne `{code?, label?, value?, unit?, period?, source?, baseRevision?}` ; un nouveau `code` la renomme et les indicateurs qui la lisent suivent → la conception.',
  })
  @ApiBody({ schema: updateInternalDatumBody })
  @ApiOkResponse({ schema: evaluationDesignSchema })
  @ApiConflictResponse({ schema: designConflictSchema, description: 'Révision dépassée : rien n’est enregistré' })
  updateInternalDatum(
    @Granted('evaluation') access: EvaluationAccess,
    @Param('code') code: string,
    @Body(new ZodPipe(updateInternalDatumSchema)) body: UpdateInternalDatumInput,
  ) {
    return this.designs.updateInternalDatum(access, code, body);
  }

  @Delete(':id/internal-data/:code')
  @Access('editor', 'evaluation')
  @ApiOperation({
    summary:
      'Supprime une donnée interne → la conception ; 422 `INTERNAL_DATA_IN_USE` nommant les indicateurs qui la lisent.',
  })
  @ApiQuery({ name: 'baseRevision', required: false, type: Number })
  @ApiOkResponse({ schema: evaluationDesignSchema })
  @ApiConflictResponse({ schema: designConflictSchema, description: 'Révision dépassée : rien n’est enregistré' })
  deleteInternalDatum(
    @Granted('evaluation') access: EvaluationAccess,
    @Param('code') code: string,
    @Query(new ZodPipe(baseRevisionQuerySchema)) query: BaseRevisionQuery,
  ) {
    return this.designs.deleteInternalDatum(access, code, query.baseRevision);
  }
}
