import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from './password-policy.js';
import { ROLES } from './roles.js';

const roleSchema = z.enum(ROLES, { message: 'rôle attendu : viewer, editor ou admin' });

// --- Requests

/** `POST /api/organisations`. */
export const createOrganisationSchema = z.object({
  name: z.string().trim().min(1, 'nom manquant').max(200, '200 caractères au plus'),
});
export type CreateOrganisationInput = z.infer<typeof createOrganisationSchema>;

/**
 * `POST /api/organisations/:id/members`. The password only creates an account (the e-mail is new); the
 * password rule is checked by the service, with its own messages.
 */
export const addMemberSchema = z.object({
  email: z.string().trim().toLowerCase().max(254, '254 caractères au plus').email('adresse e-mail invalide'),
  role: roleSchema,
  // A code point is one or two UTF-16 units: past twice the maximum, a string is too long whatever it holds.
  password: z
    .string()
    .min(1, 'mot de passe vide')
    .max(PASSWORD_MAX_LENGTH * 2, `${PASSWORD_MAX_LENGTH} caractères au plus`)
    .optional(),
});
export type AddMemberInput = z.infer<typeof addMemberSchema>;

/** `PATCH /api/organisations/:id/members/:userId`. */
export const changeRoleSchema = z.object({ role: roleSchema });
export type ChangeRoleInput = z.infer<typeof changeRoleSchema>;

// --- Responses

export const organisationSchema = z.object({ id: z.number().int(), name: z.string() });
export const memberSchema = z.object({ userId: z.number().int(), email: z.string(), role: roleSchema });
export type MemberView = z.infer<typeof memberSchema>;

/**
 * The OpenAPI descriptions of these bodies, generated from the zod schemas above (requests as the client
 * sends them, responses as the server sends them) until they join the shared contract's components.
 */
const openApi = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', io }) as Record<string, unknown>;
export const organisationsOpenApi = {
  createOrganisationBody: openApi(createOrganisationSchema, 'input'),
  addMemberBody: openApi(addMemberSchema, 'input'),
  changeRoleBody: openApi(changeRoleSchema, 'input'),
  organisation: openApi(organisationSchema, 'output'),
  member: openApi(memberSchema, 'output'),
  members: openApi(z.array(memberSchema), 'output'),
};
