import { z } from 'zod';

export const credentialsSchema = z.object({
  email: z.string().trim().min(1, 'adresse e-mail manquante').max(254),
  password: z.string().min(1, 'mot de passe manquant').max(1024),
});
export type Credentials = z.infer<typeof credentialsSchema>;
