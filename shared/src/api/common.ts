import { z } from 'zod';

/** Database ids are positive integers everywhere in the API. */
export const idSchema = z.number().int().positive();

/** A date the server wrote or was given: ISO 8601 with a zone (`2026-03-01T00:00:00Z`, `…+02:00`). */
export const isoDateTimeSchema = z.iso.datetime({
  offset: true,
  error: 'date ISO 8601 attendue (2026-03-01T00:00:00Z)',
});

/** A problem found in a document or a request; `sheet`/`row`/`column` for spreadsheet cells. */
export const validationIssueSchema = z.strictObject({
  path: z.string(),
  message: z.string(),
  sheet: z.string().optional(),
  row: z.number().int().optional(),
  column: z.string().optional(),
});

/** The uniform error body of the server's global filter (house style §9). */
export const apiErrorSchema = z.strictObject({
  statusCode: z.number().int(),
  code: z.string(),
  message: z.string(),
  details: z
    .looseObject({ errors: z.array(validationIssueSchema).optional() })
    .optional()
    .describe('`errors: [{path, message, row?, column?}]` for 400 and 422 answers'),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;
