import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './common.js';

/** The password rule's length bounds (the server also refuses guessable passwords, with its own messages). */
export const PASSWORD_MIN_LENGTH = 15;
/** Bounds the guessability check's work, which grows faster than the length. */
export const PASSWORD_MAX_LENGTH = 128;

/** A user's role in one organisation, from least to most. */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

// --- Requests

export const credentialsSchema = z.object({
  email: z.string().trim().min(1, 'adresse e-mail manquante').max(254),
  password: z.string().min(1, 'mot de passe manquant').max(1024),
});
export type Credentials = z.infer<typeof credentialsSchema>;

/** `POST /api/auth/token`: the credentials and, for scripts, what the token is for. */
export const tokenRequestSchema = credentialsSchema.extend({
  label: z
    .string()
    .trim()
    .max(100, '100 caractères au plus')
    .optional()
    .transform((v) => v || null),
});
export type TokenRequest = z.infer<typeof tokenRequestSchema>;

/** The new password's rule (length, guessability) is checked by the server, with its own messages. */
export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1, 'mot de passe actuel manquant').max(1024),
  // A code point is one or two UTF-16 units: past twice the maximum, a string is too long whatever it holds.
  newPassword: z
    .string()
    .min(1, 'nouveau mot de passe manquant')
    .max(PASSWORD_MAX_LENGTH * 2, `${PASSWORD_MAX_LENGTH} caractères au plus`)
    .describe(`${PASSWORD_MIN_LENGTH} à ${PASSWORD_MAX_LENGTH} caractères (points de code), difficile à deviner`),
});
export type PasswordChange = z.infer<typeof passwordChangeSchema>;

// --- Responses

export const organisationMembershipSchema = z.strictObject({ id: idSchema, name: z.string(), role: z.enum(ROLES) });
export type OrganisationMembership = z.infer<typeof organisationMembershipSchema>;

export const meSchema = z.strictObject({
  id: idSchema,
  email: z.string(),
  organisations: z.array(organisationMembershipSchema),
});
export type Me = z.infer<typeof meSchema>;

export const tokenSchema = z.strictObject({ token: z.string(), expiresAt: isoDateTimeSchema });

/** The CSRF token is also in the readable `trame_csrf` cookie; it goes back in `X-CSRF-Token` on writes. */
export const loginSchema = z.strictObject({ user: meSchema, csrfToken: z.string(), expiresAt: isoDateTimeSchema });

export const sessionViewSchema = z.strictObject({
  id: idSchema,
  kind: z.enum(['cookie', 'bearer']),
  label: z.string().nullable(),
  createdAt: isoDateTimeSchema,
  lastUsedAt: isoDateTimeSchema.nullable(),
  expiresAt: isoDateTimeSchema,
  /** The session of the request. */
  current: z.boolean(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export const passwordChangedSchema = z.strictObject({ revokedSessions: z.number().int().min(0) });
