/**
 * The API's request and response schemas as OpenAPI 3.0 components, generated from the zod schemas above:
 * the server puts them in its OpenAPI document (`/api/docs-json`), from which the web app's types are
 * generated. Request bodies are described as the client sends them (zod's input: defaults optional),
 * responses as the server sends them (output).
 */
import { z } from 'zod';
import {
  bundleSchema,
  dimensionSchema,
  indicatorSchema,
  questionnaireSchema,
  segmentSchema,
} from '../bundle/schema.js';
import {
  credentialsSchema,
  loginSchema,
  meSchema,
  organisationMembershipSchema,
  passwordChangedSchema,
  passwordChangeSchema,
  sessionViewSchema,
  tokenRequestSchema,
  tokenSchema,
} from './auth.js';
import {
  campaignDetailSchema,
  campaignListItemSchema,
  campaignSchema,
  createCampaignSchema,
  createInvitationsSchema,
  invitationsSchema,
  updateCampaignSchema,
} from './campaigns.js';
import { apiErrorSchema, validationIssueSchema } from './common.js';
import {
  coverageReportSchema,
  createInternalDatumSchema,
  deletedSchema,
  deletionConflictSchema,
  deletionCountsSchema,
  designConflictSchema,
  designInputSchema,
  designSavedSchema,
  evaluationCreatedSchema,
  designImportedSchema,
  evaluationDesignSchema,
  evaluationDetailSchema,
  evaluationSummarySchema,
  evaluationTemplateSchema,
  internalDataInputSchema,
  internalDatumSchema,
  newEvaluationSchema,
  questionnaireInputSchema,
  questionnaireVersionSchema,
  updateInternalDatumSchema,
} from './evaluations.js';
import { healthSchema } from './health.js';
import {
  addMemberSchema,
  changeRoleSchema,
  createOrganisationSchema,
  memberSchema,
  organisationSchema,
} from './organisations.js';
import {
  importedSchema,
  publicCampaignSchema,
  storedResponseSchema,
  submissionResultSchema,
  submissionSchema,
} from './responses.js';
import { distributionChoiceSchema, figureSchema, indicatorResultSchema, resultsSchema } from './results.js';

/** Request bodies, by component name. */
export const requestSchemas = {
  CredentialsBody: credentialsSchema,
  TokenRequestBody: tokenRequestSchema,
  PasswordChangeBody: passwordChangeSchema,
  CreateOrganisationBody: createOrganisationSchema,
  AddMemberBody: addMemberSchema,
  ChangeRoleBody: changeRoleSchema,
  BundleBody: bundleSchema,
  QuestionnaireBody: questionnaireInputSchema,
  InternalDatumBody: internalDataInputSchema,
  NewEvaluationBody: newEvaluationSchema,
  DesignBody: designInputSchema,
  CreateInternalDatumBody: createInternalDatumSchema,
  UpdateInternalDatumBody: updateInternalDatumSchema,
  CreateCampaignBody: createCampaignSchema,
  UpdateCampaignBody: updateCampaignSchema,
  CreateInvitationsBody: createInvitationsSchema,
  SubmissionBody: submissionSchema,
} satisfies Record<string, z.ZodType>;

/** Response bodies, by component name. */
export const responseSchemas = {
  ApiError: apiErrorSchema,
  ValidationIssue: validationIssueSchema,
  OrganisationMembership: organisationMembershipSchema,
  Me: meSchema,
  Token: tokenSchema,
  Login: loginSchema,
  SessionView: sessionViewSchema,
  PasswordChanged: passwordChangedSchema,
  Organisation: organisationSchema,
  Member: memberSchema,
  CoverageReport: coverageReportSchema,
  EvaluationSummary: evaluationSummarySchema,
  EvaluationCreated: evaluationCreatedSchema,
  DesignImported: designImportedSchema,
  EvaluationDetail: evaluationDetailSchema,
  Bundle: bundleSchema,
  Dimension: dimensionSchema,
  Indicator: indicatorSchema,
  Segment: segmentSchema,
  Questionnaire: questionnaireSchema,
  InternalDatum: internalDatumSchema,
  QuestionnaireVersion: questionnaireVersionSchema,
  EvaluationTemplate: evaluationTemplateSchema,
  EvaluationDesign: evaluationDesignSchema,
  DesignSaved: designSavedSchema,
  DeletionCounts: deletionCountsSchema,
  Deleted: deletedSchema,
  DesignConflict: designConflictSchema,
  DeletionConflict: deletionConflictSchema,
  Campaign: campaignSchema,
  CampaignListItem: campaignListItemSchema,
  CampaignDetail: campaignDetailSchema,
  Invitations: invitationsSchema,
  Imported: importedSchema,
  DistributionChoice: distributionChoiceSchema,
  Figure: figureSchema,
  IndicatorResult: indicatorResultSchema,
  Results: resultsSchema,
  PublicCampaign: publicCampaignSchema,
  SubmissionResult: submissionResultSchema,
  StoredResponse: storedResponseSchema,
  Health: healthSchema,
} satisfies Record<string, z.ZodType>;

export type RequestSchemaName = keyof typeof requestSchemas;
export type ResponseSchemaName = keyof typeof responseSchemas;

type JsonSchema = Record<string, unknown>;

function components(schemas: Record<string, z.ZodType>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const out = z.toJSONSchema(registry, {
    target: 'openapi-3.0',
    io,
    uri: (id) => `#/components/schemas/${id}`,
    override: ({ jsonSchema }) => {
      // zod writes its ISO date regex beside `format: date-time`: the format says it, the regex is noise.
      if (jsonSchema.format === 'date-time') delete jsonSchema.pattern;
      // Safe-integer bounds on every integer say nothing a reader needs.
      if (jsonSchema.type === 'integer') {
        if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
        if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
      }
    },
  }).schemas;
  const result: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(out)) {
    const { $id: _id, ...rest } = schema as JsonSchema; // OpenAPI 3.0 schema objects have no $id
    result[id] = rest;
  }
  return result;
}

/**
 * Every request and response schema as OpenAPI 3.0 schema objects, for `components.schemas`. A request
 * body and a response never share a name: the same zod schema reads differently on the way in and out.
 */
export function openApiComponents(): Record<string, JsonSchema> {
  return { ...components(requestSchemas, 'input'), ...components(responseSchemas, 'output') };
}

/** `{ $ref }` to a component, for `@ApiBody`/`@ApiResponse`. */
export const schemaRef = (name: RequestSchemaName | ResponseSchemaName) => ({
  $ref: `#/components/schemas/${name}`,
});
