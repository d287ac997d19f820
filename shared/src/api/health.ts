import { z } from 'zod';
import { isoDateTimeSchema } from './common.js';

const database = z.enum(['sqlite', 'postgres']);

/** 200 when the database answers and takes writes; 503 `degraded` while writes fail (full disk, read-only file…). */
export const healthSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('ok'), database }),
  z.strictObject({
    status: z.literal('degraded'),
    database,
    writes: z.literal('failing'),
    since: isoDateTimeSchema.nullable(),
    error: z.string().nullable(),
  }),
]);
export type Health = z.infer<typeof healthSchema>;
