import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { asStorageError, StorageUnavailableError } from '../database/storage-failure.js';
import { DomainError } from './domain-error.js';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

/** One global filter: domain errors, Nest/Express HTTP errors and crashes all leave with the same body. */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    // A read that hit a failing disk outside a unit of work is the same 503 as a write that did.
    const error = asStorageError(exception);
    const body = this.toBody(error);
    if (error instanceof StorageUnavailableError) this.logger.warn(`503 : ${String(error.failure)}`);
    else if (body.statusCode >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof DomainError && error.retryAfterSeconds !== undefined)
      res.setHeader('Retry-After', String(error.retryAfterSeconds));
    // Every 429 says when to come back, whoever raised it; the rate limits count per minute.
    else if (body.statusCode === 429) res.setHeader('Retry-After', '60');
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return {
        statusCode: exception.statusCode,
        code: exception.code,
        message: exception.message,
        details: exception.details,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const upload = uploadMessage(exception);
      if (upload) return { statusCode: status, code: httpCode(status), message: upload };
      const r = exception.getResponse();
      const raw = typeof r === 'string' ? r : (r as { message?: unknown }).message;
      const message = Array.isArray(raw)
        ? raw.map(String).join(', ')
        : typeof raw === 'string'
          ? raw
          : exception.message;
      return { statusCode: status, code: httpCode(status), message };
    }
    // Errors of Express middleware carry a status (http-errors); multer's, outside Nest, a code.
    const e = exception as { status?: number; statusCode?: number; code?: string; message?: string };
    const status = e?.status ?? e?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      if (status === 413 || e.code === 'LIMIT_FILE_SIZE') {
        return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Corps de requête trop volumineux' };
      }
      return {
        statusCode: status,
        code: httpCode(status),
        message: e.message ?? 'Requête invalide',
      };
    }
    if (e?.code === 'LIMIT_FILE_SIZE')
      return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Fichier trop volumineux' };
    return { statusCode: 500, code: 'INTERNAL', message: 'Erreur interne du serveur' };
  }
}

/** Multer's codes (kept as the cause by Nest's FileInterceptor) in French; busboy's errors have none. */
const MULTER_MESSAGES: Record<string, string> = {
  LIMIT_FILE_SIZE: 'Fichier trop volumineux (50 Mo au plus)',
  LIMIT_FILE_COUNT: 'Un seul fichier par envoi',
  LIMIT_PART_COUNT: 'Formulaire trop long : trop de parties',
  LIMIT_FIELD_COUNT: 'Formulaire trop long : trop de champs',
  LIMIT_FIELD_KEY: 'Nom de champ trop long',
  LIMIT_FIELD_VALUE: 'Valeur de champ trop longue',
  LIMIT_UNEXPECTED_FILE: 'Fichier inattendu : le fichier va dans le champ « file »',
};

function uploadMessage(exception: HttpException): string | undefined {
  const code = (exception.cause as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && code.startsWith('LIMIT_'))
    return Object.hasOwn(MULTER_MESSAGES, code) ? MULTER_MESSAGES[code] : 'Formulaire multipart invalide';
  return exception.message.startsWith('Multipart') ? 'Formulaire multipart invalide' : undefined;
}

function httpCode(status: number): string {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 410:
      return 'GONE';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 422:
      return 'UNPROCESSABLE';
    case 429:
      return 'RATE_LIMITED';
    default:
      return `HTTP_${status}`;
  }
}
