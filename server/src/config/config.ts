import { resolve } from 'node:path';
import { z } from 'zod';
import { passwordProblem } from '../modules/accounts/password-policy.js';

/**
 * The only place that reads process.env. Every key is validated once at boot; a bad configuration
 * fails fast with every faulty key listed (house style §8).
 */
const flag = (fallback: boolean) =>
  z
    .enum(['0', '1', 'true', 'false', 'yes', 'no', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : v === '1' || v === 'true' || v === 'yes'));

const positiveInt = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) {
        ctx.addIssue({ code: 'custom', message: 'entier positif attendu' });
        return z.NEVER;
      }
      return n;
    });

const envSchema = z.object({
  PORT: positiveInt(3000),
  HOST: z.string().optional().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => !v || /^postgres(ql)?:\/\//.test(v), 'URL PostgreSQL attendue (postgres://…)'),
  DATABASE_PATH: z.string().optional().default('./data/trame.sqlite'),
  PUBLIC_URL: z.string().url().optional(),
  TRAME_ADMIN_EMAIL: z.string().email().optional(),
  // Checked with the password rule below, against TRAME_ADMIN_EMAIL.
  TRAME_ADMIN_PASSWORD: z.string().optional(),
  TRAME_DEMO: flag(true),
  TRAME_STATIC_DIR: z.string().optional(),
  TRAME_RATE_LIMIT_LOGIN: positiveInt(10),
  TRAME_RATE_LIMIT_PUBLIC: positiveInt(600),
  TRAME_SESSION_HOURS: positiveInt(12),
  TRAME_LOG_SQL: flag(false),
  TRAME_TRUST_PROXY: flag(false),
});

export type DatabaseConfig =
  { type: 'sqlite'; path: string; logging: boolean } | { type: 'postgres'; url: string; logging: boolean };

export interface AppConfig {
  port: number;
  host: string;
  publicUrl: string;
  database: DatabaseConfig;
  admin: { email: string; password: string } | null;
  demo: boolean;
  staticDir: string | null;
  rateLimit: { loginPerMinute: number; publicWritesPerMinute: number };
  sessionHours: number;
  /** Behind a reverse proxy: take the client IP from X-Forwarded-For (rate limits). */
  trustProxy: boolean;
  /** Cookies get the Secure flag when the public URL is https. */
  secureCookies: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration invalide :\n  - ${problems.join('\n  - ')}`);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  // Checked beside the schema (not in a refinement, which zod skips when another key is invalid).
  if (!!env.TRAME_ADMIN_EMAIL !== !!env.TRAME_ADMIN_PASSWORD) {
    problems.push(
      `${env.TRAME_ADMIN_EMAIL ? 'TRAME_ADMIN_PASSWORD' : 'TRAME_ADMIN_EMAIL'}: TRAME_ADMIN_EMAIL et TRAME_ADMIN_PASSWORD vont ensemble`,
    );
  }
  // The administrator's password follows the rule of every password Trame sets (docs/adr/0004-passwords.md):
  // it is applied at each start, since this value resets the password when it changes.
  if (env.TRAME_ADMIN_PASSWORD) {
    const problem = passwordProblem(env.TRAME_ADMIN_PASSWORD, env.TRAME_ADMIN_EMAIL);
    if (problem) problems.push(`TRAME_ADMIN_PASSWORD: ${problem}`);
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    database: e.DATABASE_URL
      ? { type: 'postgres', url: e.DATABASE_URL, logging: e.TRAME_LOG_SQL }
      : { type: 'sqlite', path: resolve(e.DATABASE_PATH), logging: e.TRAME_LOG_SQL },
    admin:
      e.TRAME_ADMIN_EMAIL && e.TRAME_ADMIN_PASSWORD
        ? { email: e.TRAME_ADMIN_EMAIL, password: e.TRAME_ADMIN_PASSWORD }
        : null,
    demo: e.TRAME_DEMO,
    staticDir: e.TRAME_STATIC_DIR ? resolve(e.TRAME_STATIC_DIR) : null,
    rateLimit: { loginPerMinute: e.TRAME_RATE_LIMIT_LOGIN, publicWritesPerMinute: e.TRAME_RATE_LIMIT_PUBLIC },
    sessionHours: e.TRAME_SESSION_HOURS,
    trustProxy: e.TRAME_TRUST_PROXY,
    secureCookies: publicUrl.startsWith('https://'),
  };
}

/** Nest injection token for the validated AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** For entry points: the configuration, or every bad key listed on stderr and exit code 2. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
}
