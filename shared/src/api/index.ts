/** The HTTP contract: request and response bodies, written once in zod, used by server, client and docs. */
export * from './common.js';
export * from './auth.js';
export * from './campaigns.js';
export * from './evaluations.js';
export * from './responses.js';
export * from './results.js';
export * from './health.js';
export * from './organisations.js';
export * from './openapi.js';
