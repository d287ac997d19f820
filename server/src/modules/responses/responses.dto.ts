import { z } from 'zod';

export const submissionSchema = z.object({
  data: z.record(z.string(), z.unknown(), { error: 'objet « data » attendu' }),
  status: z.enum(['partial', 'complete'], { error: 'status attendu : « partial » ou « complete »' }),
  token: z.string().min(1).max(200).optional(),
});
export type Submission = z.infer<typeof submissionSchema>;

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
