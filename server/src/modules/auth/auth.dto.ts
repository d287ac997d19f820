import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../accounts/password-policy.js';

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

/** The new password's rule (length, guessability) is checked by the service, with its own messages. */
export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1, 'mot de passe actuel manquant').max(1024),
  // A code point is one or two UTF-16 units: past twice the maximum, a string is too long whatever it holds.
  newPassword: z
    .string()
    .min(1, 'nouveau mot de passe manquant')
    .max(PASSWORD_MAX_LENGTH * 2, `${PASSWORD_MAX_LENGTH} caractères au plus`),
});
export type PasswordChange = z.infer<typeof passwordChangeSchema>;
