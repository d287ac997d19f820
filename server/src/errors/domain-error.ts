/**
 * Domain errors carry a stable code; the global filter maps them to HTTP with the uniform body
 * `{ statusCode, code, message, details }` (house style §9). Messages are French: they reach users.
 */
export class DomainError extends Error {
  /** Sent as the Retry-After header (seconds) when set: 429 and 503 answers say when to come back. */
  readonly retryAfterSeconds?: number;

  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, code = 'NOT_FOUND') {
    super(404, code, `${what} introuvable`);
  }
}

/** 422 with the list of `{path, message, row?, column?}` problems; nothing has been stored. */
export class InvalidDocumentError extends DomainError {
  constructor(code: string, message: string, errors: unknown[]) {
    super(422, code, message, { errors });
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Authentification requise') {
    super(401, 'UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Accès refusé', code = 'FORBIDDEN') {
    super(403, code, message);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super(409, code, message, details);
  }
}

export class GoneError extends DomainError {
  constructor(code: string, message: string) {
    super(410, code, message);
  }
}

export class TooManyRequestsError extends DomainError {
  override readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds = 60) {
    super(
      429,
      'RATE_LIMITED',
      `Trop de requêtes : réessayez dans ${retryAfterSeconds} seconde${retryAfterSeconds > 1 ? 's' : ''}.`,
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
