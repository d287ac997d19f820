/** The public save's body is the shared contract's (shared/src/api/responses.ts). */
export { type Submission, submissionSchema } from '@trame/shared';

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
