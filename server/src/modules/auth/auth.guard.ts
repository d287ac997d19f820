import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import { ForbiddenError, UnauthenticatedError } from '../../errors/domain-error.js';
import { accessPolicyOf } from '../../http/access.decorator.js';
import type { AuthenticatedRequest } from '../../http/current-user.decorator.js';
import { AuthService, sha256 } from './auth.service.js';

export const SESSION_COOKIE = 'trame_session';
export const CSRF_COOKIE = 'trame_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global guard, authentication only: every route needs an account unless its policy is `@Access('public')`;
 * what the account may do there is AccessGuard's, which runs next.
 * Scripts send `Authorization: Bearer <token>`; browsers send the HttpOnly SameSite=Strict session cookie,
 * and for writes also the CSRF token (readable cookie `trame_csrf` echoed in `X-CSRF-Token`). The token is
 * bound to its session (its digest is stored with it): a `trame_csrf` cookie set by a sibling subdomain or
 * taken from another session is refused, which a plain double-submit comparison would accept.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AuthService) private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (accessPolicyOf(this.reflector, ctx.getHandler(), ctx.getClass())?.kind === 'public') return true;
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const s = await this.auth.resolve(header.slice(7).trim(), 'bearer');
      if (!s) throw new UnauthenticatedError('Jeton invalide ou expiré');
      req.auth = { userId: s.userId, email: s.email, via: 'bearer', sessionId: s.sessionId };
      return true;
    }
    const cookies = (req.cookies ?? {}) as Record<string, string | undefined>;
    const cookie = cookies[SESSION_COOKIE];
    if (!cookie) throw new UnauthenticatedError();
    const s = await this.auth.resolve(cookie, 'cookie');
    if (!s) throw new UnauthenticatedError('Session expirée : reconnectez-vous');
    if (!SAFE_METHODS.has(req.method)) {
      const echoed = cookies[CSRF_COOKIE];
      const got = req.headers[CSRF_HEADER];
      if (!echoed || typeof got !== 'string' || !equal(echoed, got) || !s.csrfHash || !equal(sha256(got), s.csrfHash)) {
        throw new ForbiddenError('Jeton CSRF manquant ou invalide', 'CSRF');
      }
    }
    req.auth = { userId: s.userId, email: s.email, via: 'cookie', sessionId: s.sessionId };
    return true;
  }
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
