import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { jsonDepth, jsonTooDeepMessage, MAX_JSON_DEPTH } from '@trame/shared/node';
import type { Observable } from 'rxjs';
import { DomainError } from '../errors/domain-error.js';
import { accessPolicyOf } from './access.decorator.js';

/** What an anonymous caller may send: a questionnaire's answers, a login. */
export const PUBLIC_BODY_LIMIT = 256 * 1024;
/** Other authenticated JSON bodies: a questionnaire, a campaign's settings. */
export const API_BODY_LIMIT = 1024 * 1024;
/** Authenticated uploads declared with @BodyLimit (bundle and responses imports), JSON or multipart. */
export const UPLOAD_BODY_LIMIT = 50 * 1024 * 1024;

const BODY_LIMIT = 'trame:bodyLimit';
/** Raises the JSON body limit of an authenticated route; public routes keep PUBLIC_BODY_LIMIT whatever. */
export const BodyLimit = (bytes: number) => SetMetadata(BODY_LIMIT, bytes);

/**
 * Every JSON body is read here, after the guards: a caller who is not let in never has their body read
 * (the connection's bytes are discarded by Node, not parsed), and each route's limit is known. A declared
 * Content-Length above the limit is refused before reading; a body without one is counted while it
 * streams and cut at the limit. Depth is bounded before JSON.parse (MAX_JSON_DEPTH): the schemas, the
 * answer checks and JSON.stringify all recurse. Multipart bodies are left to multer (route interceptor,
 * after this one), other types are not read.
 */
@Injectable()
export class JsonBodyInterceptor implements NestInterceptor {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {}

  async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (ctx.getType() !== 'http') return next.handle();
    const http = ctx.switchToHttp();
    const req = http.getRequest<IncomingMessage & { body?: unknown }>();
    if (req.body === undefined && hasBody(req) && isJson(req)) {
      const targets = [ctx.getHandler(), ctx.getClass()];
      const isPublic = accessPolicyOf(this.reflector, ctx.getHandler(), ctx.getClass())?.kind === 'public';
      const declared = this.reflector.getAllAndOverride<number | undefined>(BODY_LIMIT, targets);
      const limit = isPublic
        ? Math.min(declared ?? PUBLIC_BODY_LIMIT, PUBLIC_BODY_LIMIT)
        : (declared ?? API_BODY_LIMIT);
      req.body = await readJsonBody(req, http.getResponse<ServerResponse>(), limit);
    }
    return next.handle();
  }
}

function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

function isJson(req: IncomingMessage): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} Mo` : `${Math.round(bytes / 1024)} Kio`;

export const tooLarge = (limit: number) =>
  new DomainError(413, 'PAYLOAD_TOO_LARGE', `Corps de requête trop volumineux (${sizeText(limit)} au plus)`, {
    limit,
  });

/** The parsed body, or a DomainError: 413 (size), 415 (charset, encoding), 400 (depth, syntax). */
export async function readJsonBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<unknown> {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8')
    throw new DomainError(415, 'UNSUPPORTED_MEDIA_TYPE', 'JSON en UTF-8 attendu');
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity')
    throw new DomainError(415, 'UNSUPPORTED_MEDIA_TYPE', `Encodage de contenu « ${encoding} » non pris en charge`);
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) throw tooLarge(limit);
  const raw = await readUpTo(req, res, limit);
  if (jsonDepth(raw, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
    throw new DomainError(400, 'JSON_TOO_DEEP', jsonTooDeepMessage, { maxDepth: MAX_JSON_DEPTH });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new DomainError(400, 'BAD_REQUEST', 'JSON invalide : texte qui n’est pas de l’UTF-8');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new DomainError(400, 'BAD_REQUEST', `JSON invalide : ${(e as Error).message}`);
  }
}

/**
 * The body's bytes, refused as soon as they pass `limit`. The rest is then not read: the answer asks to
 * close the connection, so that an endless body costs nothing more.
 */
function readUpTo(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        done();
        req.pause();
        res.setHeader('Connection', 'close');
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (e: Error) => {
      done();
      reject(new DomainError(400, 'BAD_REQUEST', `Corps de requête interrompu (${e.message})`));
    };
    const onClose = () => {
      if (!req.complete) onError(new Error('connexion fermée'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
