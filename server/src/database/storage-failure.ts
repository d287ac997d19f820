import { DomainError } from '../errors/domain-error.js';

/**
 * The database could not store or read what it was asked to (disk full, I/O error, read-only file,
 * database locked for too long, server unreachable): nothing of the request was stored, and the same
 * request may succeed later. Answered 503 with Retry-After, which the respondent's page retries.
 */
export class StorageUnavailableError extends DomainError {
  override readonly retryAfterSeconds = 5;

  constructor(readonly failure: unknown) {
    super(
      503,
      'STORAGE_UNAVAILABLE',
      'Enregistrement momentanément impossible : rien n’a été enregistré, réessayez dans quelques instants.',
    );
  }
}

/** SQLite result codes (primary, before the extended suffix) that say the storage failed, not the request. */
const SQLITE_STORAGE = new Set([
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_READONLY',
  'SQLITE_CANTOPEN',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_NOMEM',
  'SQLITE_PROTOCOL',
  'SQLITE_NOLFS',
]);

/**
 * PostgreSQL SQLSTATE classes of the same nature: 08 connection exception, 53 insufficient resources
 * (disk full, out of memory, too many connections), 57 operator intervention (shutdown, cancel), 58 system
 * error (I/O), and 25006 read-only transaction (a standby, or default_transaction_read_only).
 */
const PG_STORAGE_CLASSES = new Set(['08', '53', '57', '58']);
const NODE_NET = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);

export function isStorageFailure(error: unknown): boolean {
  if (error instanceof StorageUnavailableError) return true;
  const e = error as { code?: unknown; driverError?: { code?: unknown }; message?: unknown } | null;
  const code = e?.driverError?.code ?? e?.code;
  if (typeof code === 'string') {
    if (code.startsWith('SQLITE_')) {
      const primary = code.replace(/^(SQLITE_[A-Z]+?)(_[A-Z_]+)?$/, '$1');
      return SQLITE_STORAGE.has(primary) || SQLITE_STORAGE.has(code);
    }
    if (/^[0-9A-Z]{5}$/.test(code)) return PG_STORAGE_CLASSES.has(code.slice(0, 2)) || code === '25006';
    if (NODE_NET.has(code)) return true;
  }
  const message = typeof e?.message === 'string' ? e.message : '';
  // node-postgres reports a dropped connection without a code.
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(message);
}

/** The error to answer with: storage failures become a 503, anything else is left as it is. */
export function asStorageError(error: unknown): unknown {
  return isStorageFailure(error) && !(error instanceof StorageUnavailableError)
    ? new StorageUnavailableError(error)
    : error;
}
