/** The auth routes' bodies are the shared contract's (shared/src/api/auth.ts): one schema for server, client and docs. */
export {
  type Credentials,
  credentialsSchema,
  type PasswordChange,
  passwordChangeSchema,
  type TokenRequest,
  tokenRequestSchema,
} from '@trame/shared';
