import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, ROLES } from './auth.js';
import { idSchema } from './common.js';

const roleSchema = z.enum(ROLES, { message: 'rôle attendu : viewer, editor ou admin' });

// --- Requests

/** `POST /api/organisations` (platform administrator). */
export const createOrganisationSchema = z.object({
  name: z.string().trim().min(1, 'nom manquant').max(200, '200 caractères au plus'),
});
export type CreateOrganisationInput = z.infer<typeof createOrganisationSchema>;

/**
 * `POST /api/organisations/:id/members`. The password only creates an account (the e-mail is new); the
 * password rule is checked by the server, with its own messages.
 */
export const addMemberSchema = z.object({
  email: z.string().trim().toLowerCase().max(254, '254 caractères au plus').email('adresse e-mail invalide'),
  role: roleSchema,
  // A code point is one or two UTF-16 units: past twice the maximum, a string is too long whatever it holds.
  password: z
    .string()
    .min(1, 'mot de passe vide')
    .max(PASSWORD_MAX_LENGTH * 2, `${PASSWORD_MAX_LENGTH} caractères au plus`)
    .describe(`Requis pour une adresse nouvelle : ${PASSWORD_MIN_LENGTH} à ${PASSWORD_MAX_LENGTH} caractères`)
    .optional(),
});
export type AddMemberInput = z.infer<typeof addMemberSchema>;

/** `PATCH /api/organisations/:id/members/:userId`. */
export const changeRoleSchema = z.object({ role: roleSchema });
export type ChangeRoleInput = z.infer<typeof changeRoleSchema>;

// --- Responses

export const organisationSchema = z.strictObject({ id: idSchema, name: z.string() });
export type OrganisationView = z.infer<typeof organisationSchema>;

export const memberSchema = z.strictObject({ userId: idSchema, email: z.string(), role: roleSchema });
export type MemberView = z.infer<typeof memberSchema>;
