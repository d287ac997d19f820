/**
 * JSON schemas of the API's answers, for the OpenAPI document (the web app generates its types from it).
 * Plain objects, not DTO classes: services return plain shapes (house style §2).
 */
type Schema = Record<string, unknown>;

const str = { type: 'string' };
const int = { type: 'integer' };
const nullableStr = { type: 'string', nullable: true };
const obj = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema => ({
  type: 'object',
  properties,
  required,
});
const arrayOf = (items: Schema): Schema => ({ type: 'array', items });

export const errorSchema = obj(
  {
    statusCode: int,
    code: str,
    message: str,
    details: { type: 'object', description: '`errors: [{path, message, row?, column?}]` for 422' },
  },
  ['statusCode', 'code', 'message'],
);

export const organisationRoleSchema = obj({
  id: int,
  name: str,
  role: { type: 'string', enum: ['admin', 'editor', 'viewer'] },
});
export const meSchema = obj({ id: int, email: str, organisations: arrayOf(organisationRoleSchema) });
export const tokenSchema = obj({ token: str, expiresAt: str });
export const loginSchema = obj({ user: meSchema, csrfToken: str, expiresAt: str });
export const sessionViewSchema = obj({
  id: int,
  kind: { type: 'string', enum: ['cookie', 'bearer'] },
  label: nullableStr,
  createdAt: str,
  lastUsedAt: nullableStr,
  expiresAt: str,
  current: { type: 'boolean' },
});
export const passwordChangedSchema = obj({ revokedSessions: int });

const countsSchema = obj({ dimensions: int, criteria: int, indicators: int, segments: int, internalData: int });
export const evaluationSummarySchema = obj({
  id: int,
  organisationId: int,
  title: str,
  description: nullableStr,
  questionnaireVersion: int,
  counts: countsSchema,
  createdAt: str,
  updatedAt: str,
});
export const evaluationCreatedSchema = {
  allOf: [evaluationSummarySchema, obj({ coverage: { type: 'object', description: 'CoverageReport (shared)' } })],
};
export const evaluationDetailSchema = {
  allOf: [
    evaluationSummarySchema,
    obj({
      locale: nullableStr,
      organization: { type: 'object', nullable: true },
      settings: { type: 'object', nullable: true },
      framework: { type: 'object' },
      segments: arrayOf({ type: 'object' }),
      internalData: arrayOf({ type: 'object' }),
      questionnaire: { type: 'object' },
    }),
  ],
};
export const bundleSchemaRef = { type: 'object', description: 'Document trame-bundle/1 (docs/formats.md)' };

const responseCounts = obj({ complete: int, partial: int });
const campaignProps = {
  id: int,
  evaluationId: int,
  title: str,
  slug: str,
  url: str,
  access: { type: 'string', enum: ['public', 'invitation'] },
  status: { type: 'string', enum: ['draft', 'open', 'closed'] },
  state: { type: 'string', enum: ['draft', 'not_yet_open', 'open', 'closed'] },
  opensAt: nullableStr,
  closesAt: nullableStr,
  privacyNotice: str,
  questionnaireVersionId: int,
  createdAt: str,
};
export const campaignSchema = obj(campaignProps);
export const campaignListItemSchema = obj({ ...campaignProps, responses: responseCounts });
export const campaignDetailSchema = obj({
  ...campaignProps,
  responses: responseCounts,
  invitations: obj({ total: int, used: int }),
});
export const invitationsSchema = obj({ invitations: arrayOf(obj({ token: str, url: str })) });
export const importedSchema = obj({ imported: int, complete: int });
export const resultsSchema = {
  type: 'object',
  description: 'Document trame-results/1 (docs/formats.md §4)',
  properties: {
    format: { type: 'string', enum: ['trame-results/1'] },
    respondents: { type: 'object' },
    indicators: arrayOf({ type: 'object' }),
  },
  required: ['format', 'respondents', 'indicators'],
};
export const internalDatumSchema = obj(
  { code: str, label: str, value: { type: 'number' }, unit: str, period: str, source: str },
  ['code', 'label', 'value'],
);
export const questionnaireVersionSchema = obj({ questionnaireVersion: int, newVersion: { type: 'boolean' } });

export const publicCampaignSchema = obj({
  slug: str,
  title: str,
  organisation: nullableStr,
  access: { type: 'string', enum: ['public', 'invitation'] },
  state: { type: 'string', enum: ['draft', 'not_yet_open', 'open', 'closed'] },
  message: nullableStr,
  opensAt: nullableStr,
  closesAt: nullableStr,
  privacyNotice: str,
  questionnaire: { type: 'object', description: 'SurveyJS JSON' },
});
export const submissionSchemaOut = obj({
  id: str,
  status: { type: 'string', enum: ['partial', 'complete'] },
  createdAt: str,
  updatedAt: str,
  submittedAt: nullableStr,
});
export const storedResponseSchema = { allOf: [submissionSchemaOut, obj({ data: { type: 'object' } })] };
export const healthSchema = obj({
  status: { type: 'string', enum: ['ok', 'degraded'] },
  database: { type: 'string', enum: ['sqlite', 'postgres'] },
});
