/**
 * The OpenAPI side of the HTTP contract. The request and response bodies are the zod schemas of
 * `@trame/shared` (shared/src/api), turned into `components.schemas` by `openApiComponents()`; routes
 * point at them with `$ref`s from here. Nothing is written by hand: change the zod schema, and the server's
 * validation, `/api/docs-json` and the web app's generated types (client/src/lib/api/schema.d.ts) follow.
 */
import type { OpenAPIObject } from '@nestjs/swagger';
import { openApiComponents, schemaRef } from '@trame/shared';

// Request bodies (`@ApiBody`).
export const credentialsBody = schemaRef('CredentialsBody');
export const tokenRequestBody = schemaRef('TokenRequestBody');
export const passwordChangeBody = schemaRef('PasswordChangeBody');
export const createOrganisationBody = schemaRef('CreateOrganisationBody');
export const addMemberBody = schemaRef('AddMemberBody');
export const changeRoleBody = schemaRef('ChangeRoleBody');
export const bundleBody = schemaRef('BundleBody');
export const questionnaireBody = schemaRef('QuestionnaireBody');
export const internalDatumBody = schemaRef('InternalDatumBody');
export const newEvaluationBody = schemaRef('NewEvaluationBody');
export const designBody = schemaRef('DesignBody');
export const createInternalDatumBody = schemaRef('CreateInternalDatumBody');
export const updateInternalDatumBody = schemaRef('UpdateInternalDatumBody');
export const createCampaignBody = schemaRef('CreateCampaignBody');
export const updateCampaignBody = schemaRef('UpdateCampaignBody');
export const createInvitationsBody = schemaRef('CreateInvitationsBody');
export const submissionBody = schemaRef('SubmissionBody');

// Response bodies (`@ApiOkResponse`, `@ApiCreatedResponse`…).
export const errorSchema = schemaRef('ApiError');
export const meSchema = schemaRef('Me');
export const tokenSchema = schemaRef('Token');
export const loginSchema = schemaRef('Login');
export const sessionViewSchema = schemaRef('SessionView');
export const passwordChangedSchema = schemaRef('PasswordChanged');
export const organisationSchema = schemaRef('Organisation');
export const memberSchema = schemaRef('Member');
export const evaluationSummarySchema = schemaRef('EvaluationSummary');
export const evaluationCreatedSchema = schemaRef('EvaluationCreated');
export const designImportedSchema = schemaRef('DesignImported');
export const evaluationDetailSchema = schemaRef('EvaluationDetail');
export const bundleSchemaRef = schemaRef('Bundle');
export const internalDatumSchema = schemaRef('InternalDatum');
export const questionnaireVersionSchema = schemaRef('QuestionnaireVersion');
export const evaluationTemplateSchema = schemaRef('EvaluationTemplate');
export const evaluationDesignSchema = schemaRef('EvaluationDesign');
export const designSavedSchema = schemaRef('DesignSaved');
export const deletedSchema = schemaRef('Deleted');
export const designConflictSchema = schemaRef('DesignConflict');
export const deletionConflictSchema = schemaRef('DeletionConflict');
export const campaignSchema = schemaRef('Campaign');
export const campaignListItemSchema = schemaRef('CampaignListItem');
export const campaignDetailSchema = schemaRef('CampaignDetail');
export const invitationsSchema = schemaRef('Invitations');
export const importedSchema = schemaRef('Imported');
export const resultsSchema = schemaRef('Results');
export const publicCampaignSchema = schemaRef('PublicCampaign');
export const submissionSchemaOut = schemaRef('SubmissionResult');
export const storedResponseSchema = schemaRef('StoredResponse');
export const healthSchema = schemaRef('Health');

/**
 * Completes the document Nest built from the routes' decorators: the components every `$ref` above points
 * at, and the uniform error body as every operation's `default` answer (house style §9).
 */
export function withContractSchemas(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...openApiComponents() },
  };
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'patch', 'delete'] as const) {
      const op = item[method];
      if (!op || op.responses.default) continue;
      op.responses.default = {
        description: 'Erreur : `{statusCode, code, message, details}`',
        content: { 'application/json': { schema: errorSchema } },
      };
    }
  }
  return document;
}
