export * from './types.js';
export * from './bundle/schema.js';
